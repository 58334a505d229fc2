// The tags a shared link's preview and a search engine read, for the store's public pages. Next.js
// replaces (does not merge) a parent's openGraph and twitter objects, so each page states all of
// them through this one helper. Relative URLs resolve against metadataBase (APP_URL).
import type { Metadata } from "next";
import type { StoreSettings } from "../dal/store-settings";

export const STORE_DESCRIPTION = "Software you buy, delivered straight from the source.";

// The store's logo when it has one, else the app icon (public/). A product's cover replaces it
// once products carry media.
export const shareImageOf = (store: StoreSettings) => store.logoUrl ?? "/icon-512.png";

export function shareMetadata(
  store: StoreSettings,
  // `path` is the page's canonical address; the root layout gives none, or every page would
  // inherit the store front's.
  page: { title: string; description: string; path?: string; image?: string },
): Metadata {
  const image = page.image ?? shareImageOf(store);
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
      images: [{ url: image, alt: store.name }],
    },
    // "summary": a square thumbnail, which a logo or an icon is; covers may earn the large card.
    twitter: { card: "summary", title: page.title, description: page.description, images: [image] },
  };
}
