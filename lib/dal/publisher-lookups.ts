import "server-only";
import { db } from "../db";

// Records found by the names publishers type (product slug, version, file name), for the
// publishing API and CLI. Inactive products count: they can still get new builds.

export async function findProductIdBySlug(slug: string): Promise<string | null> {
  const product = await db.product.findUnique({ where: { slug }, select: { id: true } });
  return product?.id ?? null;
}

export async function findReleaseFileByName(productSlug: string, version: string, filename: string) {
  const file = await db.releaseFile.findFirst({
    where: { filename, release: { version, product: { slug: productSlug } } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      filename: true,
      objectKey: true,
      contentType: true,
      status: true,
      release: { select: { status: true } },
    },
  });
  if (!file) return null;
  const { release, ...rest } = file;
  return { ...rest, releaseStatus: release.status };
}
