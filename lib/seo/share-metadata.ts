// The tags a shared link's preview and a search engine read, for the store's public pages. Next.js
// replaces (does not merge) a parent's openGraph and twitter objects, so each page states all of
// them through this one helper. Relative URLs resolve against metadataBase (APP_URL).
import type { Metadata } from "next";
import type { StoreSettings } from "../dal/store-settings";

export const STORE_DESCRIPTION = "Software you buy, delivered straight from the source.";

// The store's logo when it has one, else the app icon (public/); a product page passes its cover.
export const shareImageOf = (store: StoreSettings) => store.logoUrl ?? "/icon-512.png";

// A picture of the page, with its size when it is known (a product's measured cover).
export type ShareImage = { url: string; alt: string; width?: number; height?: number };

export function shareMetadata(
  store: StoreSettings,
  // `path` is the page's canonical address; the root layout gives none, or every page would
  // inherit the store front's.
  page: { title: string; description: string; path?: string; image?: ShareImage },
): Metadata {
  const image = page.image ?? { url: shareImageOf(store), alt: store.name };
  const { url, alt, width, height } = image;
  return {
    title: page.title,
    description: page.description,
    ...(page.path && { alternates: { canonical: page.path } }),
    openGraph: {
      type: "website",
      siteName: store.name,
      title: page.title,
      description: page.description,
      ...(page.path && { url: page.path }),
      images: [{ url, alt, ...(width && height && { width, height }) }],
    },
    // "summary": a square thumbnail, which a logo or an icon is; a cover is wide and gets the large card.
    twitter: {
      card: page.image ? "summary_large_image" : "summary",
      title: page.title,
      description: page.description,
      images: [{ url, alt }],
    },
  };
}
