import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../db";

type FileRow = {
  kind: "release" | "customer";
  id: string;
  filename: string;
  objectKey: string;
  contentType: string;
  title: string | null;
  version: string | null;
  publishedAt: Date | null;
  productId: string | null;
  productName: string | null;
  productSlug: string | null;
  downloadLimit: number | null;
  entitlementId: string | null;
  entitlementStatus: "active" | "revoked" | "suspended" | null;
  entitlementReason: string | null;
  downloadsResetAt: Date | null;
  updatesUntil: Date | null;
};

export type Downloadable = NonNullable<Awaited<ReturnType<typeof findDownloadable>>>;

// What a file id names for this user, in one round trip (this runs on every click, and an id
// that is not theirs must cost what an unknown one costs): a file customers may download (ready,
// in a published release) with the user's entitlement to its product, or a file the seller made
// for this user. The entitlement is the one a licence key belongs to when `viaEntitlementId` is
// given (a key reaches neither other purchases nor the customer's own files); otherwise an active
// one first, then one whose update window covers the release, then the newest.
export async function findDownloadable(
  fileId: string,
  userId: string,
  viaEntitlementId: string | null = null,
) {
  const [row] = await db.$queryRaw<FileRow[]>`
    SELECT 'release' AS "kind", f."id", f."filename", f."objectKey", f."contentType", NULL AS "title", r."version",
           r."publishedAt", p."id" AS "productId", p."name" AS "productName", p."slug" AS "productSlug", p."downloadLimit",
           e."id" AS "entitlementId", e."status"::text AS "entitlementStatus", e."reason" AS "entitlementReason",
           e."downloadsResetAt", e."updatesUntil"
    FROM "ReleaseFile" f
    JOIN "Release" r ON r."id" = f."releaseId" AND r."status" = 'published'
    JOIN "Product" p ON p."id" = r."productId"
    LEFT JOIN LATERAL (
      SELECT * FROM "Entitlement" x
      WHERE x."userId" = ${userId} AND x."productId" = p."id" AND (${viaEntitlementId}::text IS NULL OR x."id" = ${viaEntitlementId}::text)
      ORDER BY (x."status" = 'active') DESC, (x."updatesUntil" IS NULL OR coalesce(r."publishedAt" <= x."updatesUntil", false)) DESC,
               x."createdAt" DESC
      LIMIT 1
    ) e ON true
    WHERE f."id" = ${fileId} AND f."status" = 'ready'
    UNION ALL
    SELECT 'customer', c."id", c."filename", c."objectKey", c."contentType", c."title",
           NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM "CustomerFile" c
    WHERE c."id" = ${fileId} AND c."userId" = ${userId} AND c."status" = 'ready' AND c."removedAt" IS NULL
      AND ${viaEntitlementId}::text IS NULL
    LIMIT 1`;
  if (!row) return null;
  const stored = {
    id: row.id,
    filename: row.filename,
    objectKey: row.objectKey,
    contentType: row.contentType,
  };
  if (row.kind === "customer") return { kind: "customer" as const, file: { ...stored, title: row.title! } };
  const file = {
    ...stored,
    version: row.version!,
    publishedAt: row.publishedAt,
    product: {
      id: row.productId!,
      name: row.productName!,
      slug: row.productSlug!,
      downloadLimit: row.downloadLimit,
    },
  };
  const entitlement = row.entitlementId
    ? {
        id: row.entitlementId,
        status: row.entitlementStatus!,
        reason: row.entitlementReason,
        downloadsResetAt: row.downloadsResetAt,
        updatesUntil: row.updatesUntil,
      }
    : null;
  return { kind: "release" as const, file, entitlement };
}

// For `/download/<product>/latest`: whether this caller may learn of the product at all (a
// product taken off sale is unknown to everyone but those who hold an entitlement to it, as on
// the storefront) and the update window to resolve "latest" in, from the entitlement
// findDownloadable will pick (the key's own when the caller holds a key).
export async function findLatestAccess(
  slug: string,
  userId: string | null,
  viaEntitlementId: string | null = null,
) {
  const [row] = await db.$queryRaw<
    { active: boolean; entitlementId: string | null; updatesUntil: Date | null }[]
  >`
    SELECT p."active", e."id" AS "entitlementId", e."updatesUntil"
    FROM "Product" p
    LEFT JOIN LATERAL (
      SELECT x."id", x."updatesUntil" FROM "Entitlement" x
      WHERE x."userId" = ${userId}::text AND x."productId" = p."id" AND (${viaEntitlementId}::text IS NULL OR x."id" = ${viaEntitlementId}::text)
      ORDER BY (x."status" = 'active') DESC, x."updatesUntil" DESC NULLS FIRST, x."createdAt" DESC
      LIMIT 1
    ) e ON true
    WHERE p."slug" = ${slug}`;
  if (!row || (!row.active && !row.entitlementId)) return null;
  return { updatesUntil: row.entitlementId ? row.updatesUntil : null };
}

export type DownloadOutcome = "issued" | "denied" | "failed";

export type DownloadEventInput = {
  userId: string | null;
  fileId: string | null;
  customerFileId?: string | null;
  entitlementId?: string | null;
  outcome: DownloadOutcome;
  reason?: string;
  ip?: string | null;
  userAgent?: string | null;
};

export const eventData = (event: DownloadEventInput) => ({
  ...event,
  reason: event.reason?.slice(0, 200),
  userAgent: event.userAgent?.slice(0, 512),
  ip: event.ip?.slice(0, 64),
});

const RATE_WINDOW_MS = 60_000;
const LOCK_NAMESPACE = 7_070; // pg_advisory_xact_lock(namespace, hashtext(userId))

export type Reservation =
  | { ok: true; eventId: string }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number }
  | { ok: false; reason: "download_limit"; limit: number };

// Checks the per-user rate limit and the per-entitlement cap (none for a customer's own file,
// which has no entitlement) and records the issued download,
// atomically per user: a lock in PostgreSQL serialises one user's requests across every app
// instance, so concurrent clicks cannot slip past either limit.
export async function reserveDownload(
  event: DownloadEventInput,
  limits: { perMinute: number; cap: number | null; capResetAt: Date | null },
): Promise<Reservation> {
  const data = eventData(event);
  const since = new Date(Date.now() - RATE_WINDOW_MS);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(${event.userId}))`;
    // After the lock, one statement counts both limits and inserts only when both allow it (its
    // snapshot is taken after the lock, so it sees every download committed before it).
    const [row] = await tx.$queryRaw<
      { recent: number; oldest: Date | null; used: number; id: string | null }[]
    >`
      WITH recent AS (
        SELECT count(*)::int AS n, min("createdAt") AS oldest FROM (
          SELECT "createdAt" FROM "DownloadEvent"
          WHERE "userId" = ${event.userId} AND "outcome" = 'issued' AND "createdAt" > ${since}
          ORDER BY "createdAt" DESC LIMIT ${limits.perMinute}
        ) window_rows
      ),
      used AS (
        SELECT count(*)::int AS n FROM "DownloadEvent"
        WHERE ${limits.cap}::int IS NOT NULL AND "entitlementId" = ${event.entitlementId ?? null} AND "outcome" = 'issued'
          AND (${limits.capResetAt}::timestamp IS NULL OR "createdAt" > ${limits.capResetAt}::timestamp)
      ),
      inserted AS (
        INSERT INTO "DownloadEvent" ("id", "userId", "fileId", "customerFileId", "entitlementId", "outcome", "reason", "ip", "userAgent")
        SELECT ${`dl${randomUUID().replace(/-/g, "")}`}, ${data.userId}, ${data.fileId}, ${data.customerFileId ?? null}, ${data.entitlementId ?? null}, 'issued', ${data.reason ?? null}, ${data.ip ?? null}, ${data.userAgent ?? null}
        FROM recent, used
        WHERE recent.n < ${limits.perMinute} AND (${limits.cap}::int IS NULL OR used.n < ${limits.cap}::int)
        RETURNING "id"
      )
      SELECT recent.n AS recent, recent.oldest, used.n AS used, (SELECT "id" FROM inserted) AS id FROM recent, used`;
    if (row.id) return { ok: true, eventId: row.id };
    if (row.recent >= limits.perMinute) {
      const oldest = row.oldest!.getTime();
      return {
        ok: false,
        reason: "rate_limited",
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + RATE_WINDOW_MS - Date.now()) / 1000)),
      };
    }
    return { ok: false, reason: "download_limit", limit: limits.cap! };
  });
}
