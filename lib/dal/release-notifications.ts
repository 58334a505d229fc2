import "server-only";
import { db } from "../db";
import type { EmailTopic } from "../generated/prisma/client";

// Writes one pending outbox row per address entitled to a published release: active purchases
// whose update window covers it, minus addresses that opted out of this product. Idempotent: run
// it again (a retry, a resumed sender) and existing rows stay as they are.
export async function enqueueReleaseNotifications(releaseId: string): Promise<number> {
  return db.$executeRaw`
    INSERT INTO "OutboxEmail" ("id", "kind", "dedupeKey", "releaseId", "email")
    SELECT 'rn' || replace(gen_random_uuid()::text, '-', ''), 'release', 'release:' || r."id" || ':' || lower(coalesce(u."email", e."purchaseEmail")),
      r."id", lower(coalesce(u."email", e."purchaseEmail"))
    FROM "Release" r
    JOIN "Entitlement" e ON e."productId" = r."productId" AND e."status" = 'active'
    LEFT JOIN "User" u ON u."id" = e."userId"
    WHERE r."id" = ${releaseId}
      AND r."status" = 'published'
      AND (e."updatesUntil" IS NULL OR e."updatesUntil" >= r."publishedAt")
      AND coalesce(u."email", e."purchaseEmail") IS NOT NULL
      AND NOT EXISTS (
        SELECT 1 FROM "EmailOptOut" o WHERE o."productId" = r."productId" AND o."topic" = 'release'
          AND o."email" = lower(coalesce(u."email", e."purchaseEmail"))
      )
    GROUP BY r."id", lower(coalesce(u."email", e."purchaseEmail"))
    ON CONFLICT ("dedupeKey") DO NOTHING`;
}

// How many addresses publishing this release now would email: the rule above, with the window
// checked against now (a draft has no publication date yet). The admin's confirmation names it.
export async function countReleaseEmailRecipients(releaseId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(DISTINCT lower(coalesce(u."email", e."purchaseEmail"))) AS count
    FROM "Release" r
    JOIN "Entitlement" e ON e."productId" = r."productId" AND e."status" = 'active'
    LEFT JOIN "User" u ON u."id" = e."userId"
    WHERE r."id" = ${releaseId}
      AND (e."updatesUntil" IS NULL OR e."updatesUntil" >= coalesce(r."publishedAt", now()))
      AND coalesce(u."email", e."purchaseEmail") IS NOT NULL
      AND NOT EXISTS (
        SELECT 1 FROM "EmailOptOut" o WHERE o."productId" = r."productId" AND o."topic" = 'release'
          AND o."email" = lower(coalesce(u."email", e."purchaseEmail"))
      )`;
  return Number(row?.count ?? 0);
}

// Re-enqueues recently published releases, for a sender that starts after a crash between
// publishing and enqueueing.
export async function enqueueRecentReleases(since: Date) {
  const releases = await db.release.findMany({
    where: { status: "published", publishedAt: { gte: since } },
    select: { id: true },
  });
  let added = 0;
  for (const release of releases) added += await enqueueReleaseNotifications(release.id);
  return added;
}

export async function releaseForEmail(releaseId: string) {
  return db.release.findUnique({
    where: { id: releaseId },
    select: {
      version: true,
      notes: true,
      channel: true,
      product: { select: { id: true, slug: true, name: true } },
    },
  });
}

export async function optOut(email: string, productId: string, topic: EmailTopic = "release") {
  const address = email.toLowerCase();
  await db.emailOptOut.upsert({
    where: { email_productId_topic: { email: address, productId, topic } },
    create: { email: address, productId, topic },
    update: {},
  });
  // Nothing still queued for this address, product and topic goes out.
  await db.outboxEmail.deleteMany({
    where:
      topic === "release"
        ? { kind: "release", email: address, status: "pending", release: { productId } }
        : { kind: "renewal_reminder", email: address, status: "pending", entitlement: { productId } },
  });
}

export async function optIn(email: string, productId: string, topic: EmailTopic) {
  await db.emailOptOut.deleteMany({ where: { email: email.toLowerCase(), productId, topic } });
}

export async function productName(productId: string) {
  return (await db.product.findUnique({ where: { id: productId }, select: { name: true } }))?.name ?? null;
}
