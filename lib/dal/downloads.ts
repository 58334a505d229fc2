import "server-only";
import { db } from "../db";

// A file customers may download: ready, in a published release of an existing product.
export async function findDownloadableFile(fileId: string) {
  const file = await db.releaseFile.findFirst({
    where: { id: fileId, status: "ready", release: { status: "published" } },
    select: {
      id: true,
      filename: true,
      objectKey: true,
      contentType: true,
      release: { select: { version: true, publishedAt: true, product: { select: { id: true, name: true, slug: true, downloadLimit: true } } } },
    },
  });
  if (!file) return null;
  const { release, ...rest } = file;
  return { ...rest, version: release.version, publishedAt: release.publishedAt, product: release.product };
}

export type DownloadOutcome = "issued" | "denied" | "failed";

type DownloadEventInput = {
  userId: string | null;
  fileId: string | null;
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
export async function reportMissingObject(fileId: string) {
  const recent = await db.auditLog.findFirst({
    where: { action: "file.object_missing", targetId: fileId, createdAt: { gt: new Date(Date.now() - MISSING_NOTICE_MS) } },
    select: { id: true },
  });
  if (recent) return;
  await db.auditLog.create({ data: { actorEmail: "system", action: "file.object_missing", targetType: "ReleaseFile", targetId: fileId } });
}

const RATE_WINDOW_MS = 60_000;
const LOCK_NAMESPACE = 7_070; // pg_advisory_xact_lock(namespace, hashtext(userId))

export type Reservation =
  | { ok: true; eventId: string }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number }
  | { ok: false; reason: "download_limit"; limit: number };

// Checks the per-user rate limit and the per-entitlement cap and records the issued download,
// atomically per user: a lock in PostgreSQL serialises one user's requests across every app
// instance, so concurrent clicks cannot slip past either limit.
export async function reserveDownload(
  event: DownloadEventInput & { entitlementId: string },
  limits: { perMinute: number; cap: number | null; capResetAt: Date | null },
): Promise<Reservation> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(${event.userId}))`;
    const now = Date.now();
    const recent = await tx.downloadEvent.findMany({
      where: { userId: event.userId, outcome: "issued", createdAt: { gt: new Date(now - RATE_WINDOW_MS) } },
      orderBy: { createdAt: "desc" },
      take: limits.perMinute,
      select: { createdAt: true },
    });
    if (recent.length >= limits.perMinute) {
      const oldest = recent[recent.length - 1].createdAt.getTime();
      return { ok: false, reason: "rate_limited", retryAfterSeconds: Math.max(1, Math.ceil((oldest + RATE_WINDOW_MS - now) / 1000)) };
    }
    if (limits.cap !== null) {
      const used = await tx.downloadEvent.count({
        where: { entitlementId: event.entitlementId, outcome: "issued", ...(limits.capResetAt && { createdAt: { gt: limits.capResetAt } }) },
      });
      if (used >= limits.cap) return { ok: false, reason: "download_limit", limit: limits.cap };
    }
    const created = await tx.downloadEvent.create({ data: eventData(event), select: { id: true } });
    return { ok: true, eventId: created.id };
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
    },
  });
  return events.map((event) => ({
    id: event.id,
    at: event.createdAt,
    outcome: event.outcome,
    reason: event.reason?.startsWith("unknown_file:") ? "unknown_file" : event.reason,
    ip: event.ip,
    product: event.file?.release.product.name ?? null,
    version: event.file?.release.version ?? null,
    filename: event.file?.filename ?? null,
    platform: event.file?.platform ?? null,
  }));
}
