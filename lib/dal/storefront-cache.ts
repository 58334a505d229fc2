import "server-only";
import { cache } from "react";
import { db } from "../db";
import { env } from "../env";

// What the store pages show to everyone (the catalogue, each product page, the store's settings)
// changes only when the admin saves a product, a tier or the settings, or a release or file is
// published, yanked or made ready. Each such write bumps one counter in its own transaction (a
// trigger, migration 20261203_600000_storefront_version), so an instance remembers what it read
// and checks one small row per request instead of reading the catalogue again.
//
// Why a counter and not Next.js's tag revalidation (`unstable_cache` + `revalidateTag`): a tag is
// revalidated on the instance that made the change, and only when the change went through code that
// remembers to call it; the counter is moved by the database itself, for every writer (the admin,
// the publishing API, scripts, psql) and every instance at once, in the same commit as the change.
// The pages stay rendered per request, each with its own CSP nonce and the visitor's own header.

type Entry = { version: bigint; value: Promise<unknown> };

// Keys are fixed ("catalogue", "settings") or a product slug from the URL: bounded, so that made-up
// slugs cannot grow the map without limit (the oldest entry goes first).
const MAX_ENTRIES = 500;
const entries = new Map<string, Entry>();

// One read per request, shared by the layout, the metadata and the page (React's cache).
const currentVersion = cache(async (): Promise<bigint> => {
  const row = await db.storefrontVersion.findUnique({ where: { id: 1 }, select: { version: true } });
  // Without the row (a database restored without it) nothing can be trusted to stay the same.
  return row?.version ?? -1n;
});

// The value `load` returns for `key` while the counter stays where it was when it was loaded.
// Callers get the same object: it must not be changed.
export async function rememberedForStorefront<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (!env().STOREFRONT_CACHE) return load();
  const version = await currentVersion();
  if (version < 0n) return load();
  const seen = entries.get(key);
  if (seen && seen.version === version) return seen.value as Promise<T>;
  const value = load();
  entries.delete(key);
  entries.set(key, { version, value });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  // A failed read is never remembered: the next request tries again.
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  return value;
}
