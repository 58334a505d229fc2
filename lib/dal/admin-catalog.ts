import "server-only";
import { db } from "../db";
import { platformLabel } from "../platforms";
import { newestFirst } from "../semver";
import { imageView, orderedImages } from "./product-images";

export async function listProductsForAdmin() {
  const products = await db.product.findMany({
    orderBy: { name: "asc" },
    include: {
      _count: { select: { releases: true, entitlements: true } },
      tiers: {
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        select: { priceCents: true, currency: true },
      },
    },
  });
  return products.map((product) => ({
    id: product.id,
    slug: product.slug,
    name: product.name,
    // The first tier's price, as the storefront shows it; null while the product has no tier.
    price: product.tiers[0] ?? null,
    tiers: product.tiers.length,
    active: product.active,
    releases: product._count.releases,
    customers: product._count.entitlements,
  }));
}

export async function getProductForAdmin(id: string) {
  const product = await db.product.findUnique({
    where: { id },
    include: {
      releases: { include: { _count: { select: { files: true } } } },
      tiers: {
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        include: { _count: { select: { entitlements: true } } },
      },
      images: orderedImages,
    },
  });
  if (!product) return null;
  return { ...product, releases: newestFirst(product.releases), images: product.images.map(imageView) };
}

export type ProductInput = {
  slug: string;
  name: string;
  tagline: string;
  description: string;
  active: boolean;
  downloadLimit: number | null;
  // The product form's price fields: its first tier's (created as "Standard" with a new product).
  priceCents: number;
  currency: string;
  activationLimit?: number | null;
  updateMonths?: number | null;
  upgradePricing?: "prorated" | "flat";
};

export async function productExists(id: string) {
  return !!(await db.product.findUnique({ where: { id }, select: { id: true } }));
}

export async function slugTaken(slug: string, exceptId?: string) {
  const existing = await db.product.findUnique({ where: { slug }, select: { id: true } });
  return !!existing && existing.id !== exceptId;
}

export async function saveProduct(id: string | undefined, input: ProductInput) {
  const { priceCents, currency, activationLimit, updateMonths, ...product } = input;
  const tier = { priceCents, currency, machinesPerSeat: activationLimit, updateMonths };
  if (!id)
    return db.product.create({ data: { ...product, tiers: { create: { name: "Standard", ...tier } } } });
  return db.$transaction(async (tx) => {
    const first = await tx.productTier.findFirst({
      where: { productId: id },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true },
    });
    if (first) await tx.productTier.update({ where: { id: first.id }, data: tier });
    else await tx.productTier.create({ data: { productId: id, name: "Standard", ...tier } });
    return tx.product.update({ where: { id }, data: product });
  });
}

export async function getReleaseForAdmin(id: string) {
  return db.release.findUnique({
    where: { id },
    include: {
      product: { select: { id: true, name: true, slug: true } },
      files: {
        orderBy: { createdAt: "asc" },
        include: { upload: { include: { _count: { select: { parts: true } } } } },
      },
    },
  });
}

export async function listReadyFiles() {
  const files = await db.releaseFile.findMany({
    where: { status: "ready", release: { status: { not: "yanked" } } },
    orderBy: [{ release: { product: { name: "asc" } } }, { createdAt: "desc" }],
    select: {
      id: true,
      filename: true,
      platform: true,
      release: { select: { version: true, status: true, product: { select: { name: true } } } },
    },
  });
  return files.map((file) => ({
    id: file.id,
    label: `${file.release.product.name} ${file.release.version} · ${platformLabel(file.platform)} · ${file.filename}`,
    releaseStatus: file.release.status,
  }));
}

export async function findFileForShare(id: string) {
  return db.releaseFile.findFirst({
    where: { id, status: "ready", release: { status: { not: "yanked" } } },
    select: { id: true, filename: true, objectKey: true, contentType: true },
  });
}

// Both names: rows from before the admin page and the API shared one path say "share.presign".
export async function listRecentShareLinks(take = 20) {
  const entries = await db.auditLog.findMany({
    where: { action: { in: ["share.create", "share.presign"] } },
    orderBy: { createdAt: "desc" },
    take,
  });
  return entries.map((entry) => {
    const data = (entry.data ?? {}) as { filename?: string; expiresAt?: string; note?: string };
    return {
      id: entry.id,
      at: entry.createdAt,
      by: entry.actorEmail,
      filename: data.filename,
      expiresAt: data.expiresAt,
      note: data.note,
    };
  });
}

export type TierInput = {
  name: string;
  priceCents: number;
  currency: string;
  machinesPerSeat?: number | null;
  updateMonths?: number | null;
  renewalPriceCents: number | null;
  autoRenew: boolean;
  taxBehavior: "exclusive" | "inclusive";
  perSeat: boolean;
  minSeats: number;
  maxSeats: number;
  position: number;
  active: boolean;
};

export async function findTierForAdmin(id: string) {
  return db.productTier.findUnique({ where: { id }, select: { id: true, productId: true } });
}

export async function tierNameTaken(productId: string, name: string, exceptId?: string) {
  const existing = await db.productTier.findUnique({
    where: { productId_name: { productId, name } },
    select: { id: true },
  });
  return !!existing && existing.id !== exceptId;
}

export async function writeTier(id: string | undefined, productId: string, input: TierInput) {
  return id
    ? db.productTier.update({ where: { id }, data: input })
    : db.productTier.create({ data: { ...input, productId } });
}
