import "server-only";
import { db } from "../db";
import { byPlatform, platformLabel, type Platform } from "../platforms";
import { newestFirst } from "../semver";

const publishedReleases = {
  where: { status: "published" as const },
  include: { files: { where: { status: "ready" as const }, select: { platform: true } } },
};

// As buyers read them ("macOS arm64"), in the platform list's order.
const platformsOf = (release?: { files: { platform: Platform }[] }) =>
  [...new Set(release?.files.map((file) => file.platform) ?? [])].sort(byPlatform).map(platformLabel);

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
      platforms: platformsOf(latest),
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
    latest: latest ? { version: latest.version, platforms: platformsOf(latest) } : null,
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
