import "server-only";
import { db } from "../db";
import { newestFirst } from "../semver";

const publishedReleases = {
  where: { status: "published" as const },
  include: { files: { where: { status: "ready" as const }, select: { platform: true } } },
};

// What a buyer can download: the platforms of every published release (drafts and yanked ones
// are never served), not only the newest one's.
const platformsOf = (releases: { files: { platform: string }[] }[]) =>
  [...new Set(releases.flatMap((release) => release.files.map((file) => file.platform)))].sort();

export type CatalogProduct = Awaited<ReturnType<typeof listCatalog>>[number];

export async function listCatalog() {
  const products = await db.product.findMany({
    where: { active: true },
    orderBy: { name: "asc" },
    include: { releases: publishedReleases },
  });
  return products.map((product) => {
    const latest = newestFirst(product.releases).find((release) => release.channel === "stable");
    return {
      id: product.id,
      slug: product.slug,
      name: product.name,
      tagline: product.tagline,
      priceCents: product.priceCents,
      currency: product.currency,
      latestVersion: latest?.version ?? null,
      platforms: platformsOf(product.releases),
    };
  });
}

export async function getProductPage(slug: string) {
  const product = await db.product.findFirst({
    where: { slug, active: true },
    include: { releases: publishedReleases },
  });
  if (!product) return null;
  const releases = newestFirst(product.releases);
  const latest = releases.find((release) => release.channel === "stable");
  return {
    id: product.id,
    slug: product.slug,
    name: product.name,
    tagline: product.tagline,
    description: product.description,
    priceCents: product.priceCents,
    currency: product.currency,
    latest: latest ? { version: latest.version } : null,
    platforms: platformsOf(releases),
    releases: releases.slice(0, 5).map((release) => ({
      version: release.version,
      channel: release.channel,
      notes: release.notes,
      publishedAt: release.publishedAt,
    })),
  };
}

export async function getProductForCheckout(productId: string) {
  return db.product.findFirst({
    where: { id: productId, active: true },
    select: { id: true, slug: true, name: true, tagline: true, priceCents: true, currency: true },
  });
}

// Every product on sale, for the sitemap.
export async function listCatalogPaths() {
  return db.product.findMany({ where: { active: true }, select: { slug: true, updatedAt: true } });
}
