import "server-only";
import { db } from "../db";
import type { Prisma, ProductImageRole } from "../generated/prisma/client";

export type NewProductImage = {
  role: ProductImageRole;
  objectKey: string;
  alt: string;
  width: number;
  height: number;
  sizeBytes: number;
};

// Locks the product's row for the rest of the transaction, so image changes of one product run one
// after another (positions are counted, a cover is replaced); false when there is no such product.
async function lockProduct(tx: Prisma.TransactionClient, productId: string) {
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "Product" WHERE id = ${productId} FOR UPDATE`;
  return rows.length === 1;
}

// Adds an image: a cover replaces the product's cover (its key is returned, for the bucket), a
// screenshot goes last. null when the product does not exist or its gallery is full.
export async function insertProductImage(productId: string, image: NewProductImage, maxScreenshots: number) {
  return db.$transaction(async (tx) => {
    if (!(await lockProduct(tx, productId))) return { status: "no_product" as const };
    const existing = await tx.productImage.findMany({
      where: { productId, role: image.role },
      select: { id: true, objectKey: true, position: true },
    });
    if (image.role === "screenshot" && existing.length >= maxScreenshots) return { status: "full" as const };
    if (image.role === "cover") await tx.productImage.deleteMany({ where: { productId, role: "cover" } });
    const position = image.role === "cover" ? 0 : Math.max(0, ...existing.map((row) => row.position)) + 1;
    const created = await tx.productImage.create({ data: { ...image, productId, position } });
    const replaced = image.role === "cover" ? existing.map((row) => row.objectKey) : [];
    return { status: "added" as const, id: created.id, replaced };
  });
}

export async function findProductImage(id: string) {
  return db.productImage.findUnique({
    where: { id },
    select: { id: true, productId: true, role: true, objectKey: true, alt: true },
  });
}

export async function updateProductImageAlt(id: string, alt: string) {
  await db.productImage.update({ where: { id }, data: { alt } });
}

export async function deleteProductImage(id: string) {
  await db.productImage.deleteMany({ where: { id } });
}

// Swaps a screenshot with its neighbour; false when it is already first or last. The unique index
// on positions holds throughout: the moved row waits at -1 while the neighbour takes its place.
export async function moveScreenshot(id: string, direction: "earlier" | "later") {
  const image = await findProductImage(id);
  if (!image) return false;
  return db.$transaction(async (tx) => {
    await lockProduct(tx, image.productId);
    const current = await tx.productImage.findUnique({ where: { id }, select: { position: true } });
    if (!current) return false;
    const neighbour = await tx.productImage.findFirst({
      where: {
        productId: image.productId,
        role: "screenshot",
        position: direction === "earlier" ? { lt: current.position } : { gt: current.position },
      },
      orderBy: { position: direction === "earlier" ? "desc" : "asc" },
      select: { id: true, position: true },
    });
    if (!neighbour) return false;
    await tx.productImage.update({ where: { id }, data: { position: -1 } });
    await tx.productImage.update({ where: { id: neighbour.id }, data: { position: current.position } });
    await tx.productImage.update({ where: { id }, data: { position: neighbour.position } });
    return true;
  });
}

export type ProductImageView = {
  id: string;
  role: ProductImageRole;
  url: string; // a path on this store (app/media)
  alt: string;
  width: number;
  height: number;
};

export const imageView = (row: {
  id: string;
  role: ProductImageRole;
  objectKey: string;
  alt: string;
  width: number;
  height: number;
}): ProductImageView => ({
  id: row.id,
  role: row.role,
  url: `/${row.objectKey}`,
  alt: row.alt,
  width: row.width,
  height: row.height,
});

// Cover first, then the screenshots in their order: the shape every page reads.
export const orderedImages = {
  orderBy: [{ role: "asc" as const }, { position: "asc" as const }],
  select: { id: true, role: true, objectKey: true, alt: true, width: true, height: true },
};

export async function listProductImages(productId: string) {
  const rows = await db.productImage.findMany({ where: { productId }, ...orderedImages });
  return rows.map(imageView);
}

export async function isProductImageInUse(key: string) {
  return (await db.productImage.count({ where: { objectKey: key } })) > 0;
}

// Every media key a row names, for the sweep of objects nothing names any more.
export async function listProductImageKeys() {
  return (await db.productImage.findMany({ select: { objectKey: true } })).map((row) => row.objectKey);
}
