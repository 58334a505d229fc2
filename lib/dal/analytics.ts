import "server-only";
import { db } from "../db";

// Download analytics for the admin: what was downloaded, by whom, when, and what was refused.
// One aggregate query per panel, over the DownloadEvent audit trail and the share-link audit.
// A refusal row counts the repeats of one refusal within a minute (`count`); rows written before
// that named an unknown id or a file not owned, both now "not_in_library".

export type DailyCount = { day: string; count: number }; // day: YYYY-MM-DD (UTC)

export async function downloadAnalytics(days: number, now = new Date()) {
  const since = new Date(now.getTime() - days * 86_400_000);
  const [perDay, perProduct, perRelease, topCustomers, refusals, shares] = await Promise.all([
    db.$queryRaw<{ day: Date; count: bigint }[]>`
      SELECT date_trunc('day', "createdAt") AS day, count(*) AS count
      FROM "DownloadEvent" WHERE "outcome" = 'issued' AND "createdAt" >= ${since}
      GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<{ name: string; slug: string; count: bigint; customers: bigint }[]>`
      SELECT p."name", p."slug", count(*) AS count, count(DISTINCT d."userId") AS customers
      FROM "DownloadEvent" d JOIN "ReleaseFile" f ON f."id" = d."fileId" JOIN "Release" r ON r."id" = f."releaseId" JOIN "Product" p ON p."id" = r."productId"
      WHERE d."outcome" = 'issued' AND d."createdAt" >= ${since}
      GROUP BY p."id" ORDER BY count DESC, p."name" LIMIT 20`,
    db.$queryRaw<{ name: string; version: string; count: bigint }[]>`
      SELECT p."name", r."version", count(*) AS count
      FROM "DownloadEvent" d JOIN "ReleaseFile" f ON f."id" = d."fileId" JOIN "Release" r ON r."id" = f."releaseId" JOIN "Product" p ON p."id" = r."productId"
      WHERE d."outcome" = 'issued' AND d."createdAt" >= ${since}
      GROUP BY p."id", r."id" ORDER BY count DESC, p."name", r."version" LIMIT 10`,
    db.$queryRaw<{ id: string; email: string; count: bigint; addresses: bigint }[]>`
      SELECT u."id", u."email", count(*) AS count, count(DISTINCT d."ip") AS addresses
      FROM "DownloadEvent" d JOIN "User" u ON u."id" = d."userId"
      WHERE d."outcome" = 'issued' AND d."createdAt" >= ${since}
      GROUP BY u."id" ORDER BY count DESC, u."email" LIMIT 10`,
    db.$queryRaw<{ reason: string; count: bigint }[]>`
      SELECT reason, sum(n) AS count FROM (
        SELECT CASE split_part(coalesce("reason", 'unknown'), ':', 1)
                 WHEN 'not_entitled' THEN 'not_in_library' WHEN 'unknown_file' THEN 'not_in_library'
                 ELSE split_part(coalesce("reason", 'unknown'), ':', 1) END AS reason, "count" AS n
        FROM "DownloadEvent" WHERE "outcome" <> 'issued' AND "createdAt" >= ${since}
      ) refusals
      GROUP BY 1 ORDER BY count DESC, reason`,
    // Share links are written as "share.create" by whoever makes them; rows written before the
    // admin page and the API shared one path say "share.presign" for the API's.
    db.$queryRaw<{ via: string; actor: string; count: bigint }[]>`
      SELECT CASE WHEN "action" = 'share.presign' OR "actorEmail" LIKE 'token:%'
                  THEN 'API / CLI' ELSE 'admin page' END AS via,
             coalesce("actorEmail", 'unknown') AS actor, count(*) AS count
      FROM "AuditLog" WHERE "action" IN ('share.create', 'share.presign') AND "createdAt" >= ${since}
      GROUP BY 1, 2 ORDER BY count DESC`,
  ]);
  const counts = new Map(perDay.map((row) => [row.day.toISOString().slice(0, 10), Number(row.count)]));
  const daily: DailyCount[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(now.getTime() - i * 86_400_000).toISOString().slice(0, 10);
    daily.push({ day, count: counts.get(day) ?? 0 });
  }
  return {
    days,
    daily,
    total: daily.reduce((sum, row) => sum + row.count, 0),
    perProduct: perProduct.map((row) => ({
      ...row,
      count: Number(row.count),
      customers: Number(row.customers),
    })),
    perRelease: perRelease.map((row) => ({ ...row, count: Number(row.count) })),
    topCustomers: topCustomers.map((row) => ({
      ...row,
      count: Number(row.count),
      addresses: Number(row.addresses),
    })),
    refusals: refusals.map((row) => ({ ...row, count: Number(row.count) })),
    shares: shares.map((row) => ({
      via: row.via,
      actor: row.actor,
      count: Number(row.count),
    })),
  };
}
