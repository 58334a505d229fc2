import "server-only";
import { db } from "../db";
import { env } from "../env";
import { byPlatform, platformLabel, type Platform } from "../platforms";
import { newestFirst } from "../semver";
import { imageView, orderedImages } from "./product-images";
import { rememberedForStorefront } from "./storefront-cache";

const publishedReleases = {
  where: { status: "published" as const },
  include: { files: { where: { status: "ready" as const }, select: { platform: true } } },
};

// The tiers on sale, left to right as the seller ordered them.
const tiersOnSale = {
  where: { active: true },
  orderBy: [{ position: "asc" as const }, { createdAt: "asc" as const }],
  select: {
    id: true,
    name: true,
    priceCents: true,
    currency: true,
    taxBehavior: true,
    machinesPerSeat: true,
    updateMonths: true,
    perSeat: true,
    minSeats: true,
    maxSeats: true,
  },
};

export type TierView = NonNullable<Awaited<ReturnType<typeof getProductPage>>>["tiers"][number];

// What a buyer can download: the platforms of every published release (drafts and yanked ones
// are never served), not only the newest one's; as buyers read them ("macOS arm64"), in the
// platform list's order.
const platformsOf = (releases: { files: { platform: Platform }[] }[]) =>
  [...new Set(releases.flatMap((release) => release.files.map((file) => file.platform)))]
    .sort(byPlatform)
    .map(platformLabel);

export type CatalogProduct = Awaited<ReturnType<typeof listCatalog>>[number];

// A product is for sale while it is active and has a tier on sale. Remembered until the catalogue
// changes, as the product pages are (storefront-cache.ts).
export const listCatalog = () => rememberedForStorefront("catalogue", readCatalog);

async function readCatalog() {
  const products = await db.product.findMany({
    where: { active: true, tiers: { some: { active: true } } },
    orderBy: { name: "asc" },
    include: {
      releases: publishedReleases,
      tiers: tiersOnSale,
      images: { ...orderedImages, where: { role: "cover" } },
    },
  });
  return products.map((product) => {
    const latest = newestFirst(product.releases).find((release) => release.channel === "stable");
    const [first] = product.tiers;
    return {
      id: product.id,
      slug: product.slug,
      name: product.name,
      tagline: product.tagline,
      // The first tier's price; "from" when there are more to choose from.
      priceCents: first.priceCents,
      currency: first.currency,
      moreTiers: product.tiers.length > 1,
      latestVersion: latest?.version ?? null,
      platforms: platformsOf(product.releases),
      cover: coverOf(product),
    };
  });
}

// A cover without its own words says what the product is: its name (kept current on a rename).
const coverOf = (product: { name: string; images: Parameters<typeof imageView>[0][] }) => {
  const cover = product.images.find((image) => image.role === "cover");
  return cover ? { ...imageView(cover), alt: cover.alt || product.name } : null;
};

export const getProductPage = (slug: string) =>
  rememberedForStorefront(`product:${slug}`, () => readProductPage(slug));

async function readProductPage(slug: string) {
  const product = await db.product.findFirst({
    where: { slug, active: true },
    include: { releases: publishedReleases, tiers: tiersOnSale, images: orderedImages },
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
    cover: coverOf(product),
    screenshots: product.images.filter((image) => image.role === "screenshot").map(imageView),
    tiers: product.tiers,
    // Whether Stripe Tax applies at checkout; each tier says if its price includes the tax.
    taxAtCheckout: env().STRIPE_TAX,
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

// The product and the tier a checkout sells: the one named, or the first on sale when none is.
export async function getTierForCheckout(productId: string, tierId: string | undefined) {
  const product = await db.product.findFirst({
    where: { id: productId, active: true },
    select: {
      id: true,
      slug: true,
      name: true,
      tagline: true,
      tiers: {
        ...tiersOnSale,
        select: { ...tiersOnSale.select, stripeProductId: true, stripeProductAs: true },
        where: { active: true, ...(tierId && { id: tierId }) },
        take: 1,
      },
    },
  });
  const tier = product?.tiers[0];
  return product && tier ? { product, tier } : null;
}

// Every product on sale, for the sitemap.
export async function listCatalogPaths() {
  return db.product.findMany({
    where: { active: true, tiers: { some: { active: true } } },
    select: { slug: true, updatedAt: true },
  });
}
