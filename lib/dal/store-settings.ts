import "server-only";
import { cache } from "react";
import { db } from "../db";
import { rememberedForStorefront } from "./storefront-cache";
import { OBJECT_KEY_PREFIXES } from "../storage/object-keys";
import { isProductImageInUse } from "./product-images";

export type StoreSettings = {
  name: string;
  logoUrl: string | null; // a path on this store (app/media), or null for the built-in mark
  accentColor: string;
  supportEmail: string | null;
  links: { terms: string | null; privacy: string | null; refund: string | null };
};

// What a store that never saved its settings shows.
export const DEFAULT_STORE_SETTINGS: StoreSettings = {
  name: "Downlink",
  logoUrl: null,
  accentColor: "#4f46e5",
  supportEmail: null,
  links: { terms: null, privacy: null, refund: null },
};

const SETTINGS_ID = 1; // the one row

// Every page reads these (layout, metadata, header, footer): remembered until they change
// (storefront-cache.ts), and shared by every caller within a request through React's cache.
export const getStoreSettings = cache((): Promise<StoreSettings> =>
  rememberedForStorefront("settings", readStoreSettings),
);

async function readStoreSettings(): Promise<StoreSettings> {
  const row = await db.storeSettings.findUnique({ where: { id: SETTINGS_ID } });
  if (!row) return DEFAULT_STORE_SETTINGS;
  return {
    name: row.name,
    logoUrl: row.logoKey ? `/${row.logoKey}` : null,
    accentColor: row.accentColor,
    supportEmail: row.supportEmail,
    links: { terms: row.termsUrl, privacy: row.privacyUrl, refund: row.refundUrl },
  };
}

export async function currentLogoKey(): Promise<string | null> {
  const row = await db.storeSettings.findUnique({ where: { id: SETTINGS_ID }, select: { logoKey: true } });
  return row?.logoKey ?? null;
}

export type StoreSettingsRow = {
  name: string;
  logoKey: string | null;
  accentColor: string;
  supportEmail: string | null;
  termsUrl: string | null;
  privacyUrl: string | null;
  refundUrl: string | null;
};

export async function writeStoreSettings(data: StoreSettingsRow) {
  await db.storeSettings.upsert({
    where: { id: SETTINGS_ID },
    create: { id: SETTINGS_ID, ...data },
    update: data,
  });
}

// The media route serves only the images the store uses now (its logo, products' covers and
// screenshots): a replaced or removed image's key answers 404. A product taken off sale keeps its
// images reachable by their unguessable keys, so its admin page still shows them.
export async function isMediaInUse(key: string): Promise<boolean> {
  if (!key.startsWith(`${OBJECT_KEY_PREFIXES.media}/`)) return false;
  const [logos, productImage] = await Promise.all([
    db.storeSettings.count({ where: { logoKey: key } }),
    isProductImageInUse(key),
  ]);
  return logos > 0 || productImage;
}
