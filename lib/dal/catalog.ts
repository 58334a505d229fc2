import "server-only";
import { db } from "../db";

const publishedReleases = {
  where: { status: "published" as const },
  orderBy: [{ publishedAt: "desc" as const }, { createdAt: "desc" as const }],
  include: { files: { where: { status: "ready" as const }, orderBy: { platform: "asc" as const } } },
};

export type CatalogProduct = Awaited<ReturnType<typeof listCatalog>>[number];

export async function listCatalog() {
  const products = await db.product.findMany({
    where: { active: true },
    orderBy: { name: "asc" },
    include: { releases: { ...publishedReleases, take: 1 } },
  });
  return products.map((product) => ({
    id: product.id,
    slug: product.slug,
    name: product.name,
    tagline: product.tagline,
    priceCents: product.priceCents,
    currency: product.currency,
    latestVersion: product.releases[0]?.version ?? null,
    platforms: [...new Set(product.releases[0]?.files.map((file) => file.platform) ?? [])],
  }));
}

export async function getProductPage(slug: string) {
  const product = await db.product.findFirst({
    where: { slug, active: true },
    include: { releases: { ...publishedReleases, take: 5 } },
  });
  if (!product) return null;
  return {
    id: product.id,
    slug: product.slug,
    name: product.name,
    tagline: product.tagline,
    description: product.description,
    priceCents: product.priceCents,
    currency: product.currency,
    releases: product.releases.map((release) => ({
      version: release.version,
      channel: release.channel,
      notes: release.notes,
      publishedAt: release.publishedAt,
      platforms: [...new Set(release.files.map((file) => file.platform))],
    })),
  };
}

export async function getProductForCheckout(productId: string) {
  return db.product.findFirst({
    where: { id: productId, active: true },
    select: { id: true, slug: true, name: true, tagline: true, priceCents: true, currency: true },
  });
}
