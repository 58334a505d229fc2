import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../db";

type FileRow = {
  id: string;
  filename: string;
  objectKey: string;
  contentType: string;
  version: string;
  publishedAt: Date | null;
  productId: string;
  productName: string;
  productSlug: string;
  downloadLimit: number | null;
  entitlementId: string | null;
  entitlementStatus: "active" | "revoked" | "suspended" | null;
  entitlementReason: string | null;
  downloadsResetAt: Date | null;
  updatesUntil: Date | null;
};

// A file customers may download (ready, in a published release) and the user's entitlement to
// its product (an active one first, else the newest), in one round trip: this runs on every click.
export async function findFileForUser(fileId: string, userId: string) {
  const [row] = await db.$queryRaw<FileRow[]>`
    SELECT f."id", f."filename", f."objectKey", f."contentType", r."version", r."publishedAt",
           p."id" AS "productId", p."name" AS "productName", p."slug" AS "productSlug", p."downloadLimit",
           e."id" AS "entitlementId", e."status"::text AS "entitlementStatus", e."reason" AS "entitlementReason",
           e."downloadsResetAt", e."updatesUntil"
    FROM "ReleaseFile" f
    JOIN "Release" r ON r."id" = f."releaseId" AND r."status" = 'published'
    JOIN "Product" p ON p."id" = r."productId"
    LEFT JOIN LATERAL (
      SELECT * FROM "Entitlement" x WHERE x."userId" = ${userId} AND x."productId" = p."id"
      ORDER BY (x."status" = 'active') DESC, x."createdAt" DESC LIMIT 1
    ) e ON true
    WHERE f."id" = ${fileId} AND f."status" = 'ready'`;
  if (!row) return { file: null, entitlement: null };
  const file = {
    id: row.id,
    filename: row.filename,
    objectKey: row.objectKey,
    contentType: row.contentType,
    version: row.version,
    publishedAt: row.publishedAt,
    product: { id: row.productId, name: row.productName, slug: row.productSlug, downloadLimit: row.downloadLimit },
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
  return { file, entitlement };
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

const eventData = (event: DownloadEventInput) => ({
  ...event,
  reason: event.reason?.slice(0, 200),
  userAgent: event.userAgent?.slice(0, 512),
  ip: event.ip?.slice(0, 64),
});

export async function recordDownloadEvent(event: DownloadEventInput) {
  await db.downloadEvent.create({ data: eventData(event) });
}

// A reserved download that could not be served: as "failed" it no longer counts against the
// customer's rate limit or download cap.
export async function markDownloadFailed(eventId: string, reason: string) {
  await db.downloadEvent.update({ where: { id: eventId }, data: { outcome: "failed", reason } });
}

const MISSING_NOTICE_MS = 3_600_000;

// Tells the seller, through the audit log, that a published file's object is gone from the
// bucket; at most once an hour per file, however many customers run into it.
export async function reportMissingObject(fileId: string, type: "ReleaseFile" | "CustomerFile" = "ReleaseFile") {
  const recent = await db.auditLog.findFirst({
    where: { action: "file.object_missing", targetId: fileId, createdAt: { gt: new Date(Date.now() - MISSING_NOTICE_MS) } },
    select: { id: true },
  });
  if (recent) return;
  await db.auditLog.create({ data: { actorEmail: "system", action: "file.object_missing", targetType: type, targetId: fileId } });
}

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
    const [row] = await tx.$queryRaw<{ recent: number; oldest: Date | null; used: number; id: string | null }[]>`
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
      return { ok: false, reason: "rate_limited", retryAfterSeconds: Math.max(1, Math.ceil((oldest + RATE_WINDOW_MS - Date.now()) / 1000)) };
    }
    return { ok: false, reason: "download_limit", limit: limits.cap! };
  });
}

export async function listDownloadHistory(userId: string, take = 50) {
  const events = await db.downloadEvent.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      createdAt: true,
      outcome: true,
      reason: true,
      ip: true,
      file: { select: { filename: true, platform: true, release: { select: { version: true, product: { select: { name: true } } } } } },
      customerFile: { select: { filename: true, title: true } },
    },
  });
  return events.map((event) => ({
    id: event.id,
    at: event.createdAt,
    outcome: event.outcome,
    reason: event.reason?.startsWith("unknown_file:") ? "unknown_file" : event.reason,
    ip: event.ip,
    product: event.file?.release.product.name ?? event.customerFile?.title ?? null,
    version: event.file?.release.version ?? null,
    filename: event.file?.filename ?? event.customerFile?.filename ?? null,
    platform: event.file?.platform ?? null,
  }));
}
