import "server-only";
import { activationLimitOf } from "../catalog/tiers";
import { db } from "../db";
import { insideUpdateWindow } from "../licensing/windows";
import { newestFirst } from "../semver";

export type LibraryItem = Awaited<ReturnType<typeof getLibrary>>[number];

// Everything the signed-in user owns, shaped for the library page.
export async function getLibrary(userId: string, channel?: "stable" | "beta") {
  const entitlements = await db.entitlement.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    include: {
      license: {
        select: { id: true, key: true, revokedAt: true, _count: { select: { activations: true } } },
      },
      tier: { select: { name: true, machinesPerSeat: true, perSeat: true } },
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
  return [...byProduct.values()].map(({ product, status, reason, license, updatesUntil, tier, seats }) => {
    const releases = newestFirst(product.releases);
    // Releases after the update window stay listed, locked, so the buyer sees what renewing gets.
    const unlocked = releases.filter((release) => insideUpdateWindow(release.publishedAt, updatesUntil));
    const latestStable = unlocked.find((release) => release.channel === "stable") ?? unlocked[0];
    return {
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
      releases: releases
        .filter((release) => !channel || release.channel === channel)
        .map((release) => ({
          id: release.id,
          version: release.version,
          channel: release.channel,
          notes: release.notes,
          publishedAt: release.publishedAt,
          isLatest: release === latestStable,
          locked: !unlocked.includes(release),
          files: release.files.map((file) => ({
            id: file.id,
            platform: file.platform,
            filename: file.filename,
            sizeBytes: Number(file.sizeBytes),
            sha256: file.sha256,
          })),
        })),
    };
  });
}
