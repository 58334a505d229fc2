import "server-only";
import { db } from "../db";

// Writes one pending row per address entitled to a published release: active purchases whose
// update window covers it, minus addresses that opted out of this product. Idempotent: run it
// again (a retry, a resumed sender) and existing rows stay as they are.
export async function enqueueReleaseNotifications(releaseId: string): Promise<number> {
  return db.$executeRaw`
    INSERT INTO "ReleaseNotification" ("id", "releaseId", "email")
    SELECT 'rn' || replace(gen_random_uuid()::text, '-', ''), r."id", lower(coalesce(u."email", e."purchaseEmail"))
    FROM "Release" r
    JOIN "Entitlement" e ON e."productId" = r."productId" AND e."status" = 'active'
    LEFT JOIN "User" u ON u."id" = e."userId"
    WHERE r."id" = ${releaseId}
      AND r."status" = 'published'
      AND (e."updatesUntil" IS NULL OR e."updatesUntil" >= r."publishedAt")
      AND coalesce(u."email", e."purchaseEmail") IS NOT NULL
      AND NOT EXISTS (
        SELECT 1 FROM "EmailOptOut" o WHERE o."productId" = r."productId" AND o."email" = lower(coalesce(u."email", e."purchaseEmail"))
      )
    GROUP BY r."id", lower(coalesce(u."email", e."purchaseEmail"))
    ON CONFLICT ("releaseId", "email") DO NOTHING`;
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
        SELECT 1 FROM "EmailOptOut" o WHERE o."productId" = r."productId" AND o."email" = lower(coalesce(u."email", e."purchaseEmail"))
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

export type ClaimedNotification = { id: string; email: string; releaseId: string };

// Takes up to `limit` rows for this sender: pending ones, and ones a crashed sender claimed more
// than `staleAfterMs` ago. SKIP LOCKED lets several senders work side by side.
export async function claimNotifications(
  limit: number,
  staleAfterMs: number,
  releaseId?: string,
): Promise<ClaimedNotification[]> {
  const stale = new Date(Date.now() - staleAfterMs);
  return db.$queryRaw<ClaimedNotification[]>`
    UPDATE "ReleaseNotification" SET "status" = 'sending', "claimedAt" = now(), "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "ReleaseNotification"
      WHERE ("status" = 'pending' OR ("status" = 'sending' AND "claimedAt" < ${stale}))
        AND (${releaseId ?? null}::text IS NULL OR "releaseId" = ${releaseId ?? null})
      ORDER BY "createdAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "email", "releaseId"`;
}

export async function markNotificationSent(id: string) {
  await db.releaseNotification.update({
    where: { id },
    data: { status: "sent", sentAt: new Date(), lastError: null },
  });
}

// A failed send goes back to pending until it has been tried `maxAttempts` times.
export async function markNotificationFailed(id: string, error: string, maxAttempts: number) {
  const row = await db.releaseNotification.findUniqueOrThrow({ where: { id }, select: { attempts: true } });
  await db.releaseNotification.update({
    where: { id },
    data: { status: row.attempts >= maxAttempts ? "failed" : "pending", lastError: error.slice(0, 500) },
  });
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

export async function optOut(email: string, productId: string) {
  await db.emailOptOut.upsert({
    where: { email_productId: { email: email.toLowerCase(), productId } },
    create: { email: email.toLowerCase(), productId },
    update: {},
  });
  // Nothing still queued for this address and product goes out.
  await db.releaseNotification.deleteMany({
    where: { email: email.toLowerCase(), status: "pending", release: { productId } },
  });
}

export async function productName(productId: string) {
  return (await db.product.findUnique({ where: { id: productId }, select: { name: true } }))?.name ?? null;
}
