import "server-only";
import { activationLimitOf } from "../catalog/tiers";
import { db } from "../db";
import { insideUpdateWindow } from "../licensing/windows";
import { newestFirst } from "../semver";

export type Channel = "stable" | "beta";
export type LibraryItem = NonNullable<Awaited<ReturnType<typeof getLibraryProduct>>>["item"];

// Products per page of the library, the newest releases each shows there (the rest are on the
// product's own library page), and releases per page of that page. What a page reads and renders
// is bounded by these, never by how much the customer owns: at 200 products × 10 releases the
// library sends as many queries and about as much HTML as at 2.
export const LIBRARY_PAGE_SIZE = 8;
export const NEWEST_RELEASES_SHOWN = 3;
export const RELEASES_PAGE_SIZE = 20;

// One product per owned product: its active entitlement, or else the first one bought (a refunded
// purchase bought again shows the new one). `query` matches the product's name or slug.
async function ownedProducts(userId: string, where: { query?: string; slug?: string }) {
  const match =
    where.slug !== undefined
      ? { slug: where.slug }
      : where.query
        ? {
            OR: [
              { name: { contains: where.query, mode: "insensitive" as const } },
              { slug: { contains: where.query, mode: "insensitive" as const } },
            ],
          }
        : {};
  const entitlements = await db.entitlement.findMany({
    where: { userId, product: match },
    // In the order they were bought; the id settles purchases made in the same instant, so that
    // pages never overlap.
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, productId: true, status: true },
  });
  const byProduct = new Map<string, (typeof entitlements)[number]>();
  for (const entitlement of entitlements) {
    const seen = byProduct.get(entitlement.productId);
    if (!seen || entitlement.status === "active") byProduct.set(entitlement.productId, entitlement);
  }
  return [...byProduct.values()].map((entitlement) => entitlement.id);
}

// The entitlements' products, licences and every published release's version (a few columns each,
// so that SemVer can order them); notes and files only for `pick`'s releases, in one more query.
async function libraryItems(
  entitlementIds: string[],
  channel: Channel | undefined,
  pick: (releases: { id: string }[]) => { id: string }[],
) {
  const entitlements = await db.entitlement.findMany({
    where: { id: { in: entitlementIds } },
    include: {
      license: {
        select: { id: true, key: true, revokedAt: true, _count: { select: { activations: true } } },
      },
      tier: { select: { name: true, machinesPerSeat: true, perSeat: true } },
      product: {
        select: {
          id: true,
          slug: true,
          name: true,
          tagline: true,
          releases: {
            where: { status: "published" },
            select: { id: true, version: true, channel: true, publishedAt: true },
          },
        },
      },
    },
  });
  const order = new Map(entitlementIds.map((id, index) => [id, index]));
  entitlements.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const shaped = entitlements.map(({ id, product, status, reason, license, updatesUntil, tier, seats }) => {
    const releases = newestFirst(product.releases);
    // Releases after the update window stay listed, locked, so the buyer sees what renewing gets.
    const unlocked = releases.filter((release) => insideUpdateWindow(release.publishedAt, updatesUntil));
    const latestStable = unlocked.find((release) => release.channel === "stable") ?? unlocked[0];
    const inChannel = releases.filter((release) => !channel || release.channel === channel);
    const shown = pick(inChannel) as typeof inChannel;
    return {
      shown,
      item: {
        // The purchase the renewal and upgrade pages change (/account/renew/[id], /account/upgrade/[id]).
        entitlementId: id,
        productId: product.id,
        slug: product.slug,
        name: product.name,
        tagline: product.tagline,
        tier: tier?.name ?? null,
        // Shown only for tiers sold per seat ("5 seats"); any other purchase is one seat.
        seats: tier?.perSeat ? seats : null,
        access: status,
        accessReason: reason,
        license: license && {
          id: license.id,
          key: license.key,
          revoked: license.revokedAt !== null,
          activations: license._count.activations,
          activationLimit: activationLimitOf(tier?.machinesPerSeat, seats),
        },
        updatesUntil,
        hasBeta: releases.some((release) => release.channel === "beta"),
        releaseCount: inChannel.length,
        releases: shown.map((release) => ({
          ...release,
          isLatest: release === latestStable,
          locked: !unlocked.includes(release),
        })),
      },
    };
  });
  const details = await db.release.findMany({
    where: { id: { in: shaped.flatMap(({ shown }) => shown.map((release) => release.id)) } },
    select: {
      id: true,
      notes: true,
      files: {
        where: { status: "ready" },
        orderBy: { platform: "asc" },
        select: { id: true, platform: true, filename: true, sizeBytes: true, sha256: true },
      },
    },
  });
  const byId = new Map(details.map((release) => [release.id, release]));
  return shaped.map(({ item }) => ({
    ...item,
    releases: item.releases.map((release) => ({
      ...release,
      notes: byId.get(release.id)?.notes ?? "",
      files: (byId.get(release.id)?.files ?? []).map((file) => ({
        ...file,
        sizeBytes: Number(file.sizeBytes),
      })),
    })),
  }));
}

const pageCountOf = (total: number, size: number) => Math.max(1, Math.ceil(total / size));
const clampPage = (page: number, pageCount: number) =>
  Math.min(Math.max(1, Math.floor(page) || 1), pageCount);

// One page of what the signed-in user owns, each product with its newest releases.
export async function getLibrary(
  userId: string,
  options: { channel?: Channel; query?: string; page?: number },
) {
  const owned = await ownedProducts(userId, { query: options.query });
  const pageCount = pageCountOf(owned.length, LIBRARY_PAGE_SIZE);
  const page = clampPage(options.page ?? 1, pageCount);
  const onPage = owned.slice((page - 1) * LIBRARY_PAGE_SIZE, page * LIBRARY_PAGE_SIZE);
  const items = await libraryItems(onPage, options.channel, (releases) =>
    releases.slice(0, NEWEST_RELEASES_SHOWN),
  );
  return { items, total: owned.length, page, pageCount };
}

// One owned product with a page of every release it has, for its own library page; null when the
// user owns no such product (the page answers 404, as for a product that does not exist).
export async function getLibraryProduct(
  userId: string,
  slug: string,
  options: { channel?: Channel; page?: number } = {},
) {
  const [entitlementId] = await ownedProducts(userId, { slug });
  if (!entitlementId) return null;
  let page = 1;
  let pageCount = 1;
  const [item] = await libraryItems([entitlementId], options.channel, (releases) => {
    pageCount = pageCountOf(releases.length, RELEASES_PAGE_SIZE);
    page = clampPage(options.page ?? 1, pageCount);
    return releases.slice((page - 1) * RELEASES_PAGE_SIZE, page * RELEASES_PAGE_SIZE);
  });
  return item ? { item, page, pageCount } : null;
}
