import "server-only";
import { db } from "../db";

export type LibraryItem = Awaited<ReturnType<typeof getLibrary>>[number];

// Everything the signed-in user owns, shaped for the library page.
export async function getLibrary(userId: string) {
  const entitlements = await db.entitlement.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    include: {
      product: {
        include: {
          releases: {
            where: { status: "published" },
            orderBy: [{ publishedAt: "desc" }, { createdAt: "desc" }],
            include: { files: { where: { status: "ready" }, orderBy: { platform: "asc" } } },
          },
        },
      },
    },
  });
  const byProduct = new Map<string, (typeof entitlements)[number]>();
  for (const entitlement of entitlements) {
    const seen = byProduct.get(entitlement.productId);
    if (!seen || entitlement.status === "active") byProduct.set(entitlement.productId, entitlement);
  }
  return [...byProduct.values()].map(({ product, status, reason }) => ({
    productId: product.id,
    slug: product.slug,
    name: product.name,
    tagline: product.tagline,
    access: status,
    accessReason: reason,
    releases: product.releases.map((release, index) => ({
      id: release.id,
      version: release.version,
      channel: release.channel,
      notes: release.notes,
      publishedAt: release.publishedAt,
      isLatest: index === 0,
      files: release.files.map((file) => ({
        id: file.id,
        platform: file.platform,
        filename: file.filename,
        sizeBytes: Number(file.sizeBytes),
        sha256: file.sha256,
      })),
    })),
  }));
}
