import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { Platform } from "../platforms";
import {
  callerCtes,
  callerFrom,
  type CallerColumns,
  type KnownCaller,
  type LinkCredentials,
} from "./link-callers";

type FileRow = CallerColumns & {
  kind: "release" | "customer" | null;
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

export type Downloadable = NonNullable<Awaited<ReturnType<typeof findDownloadable>>["found"]>;

// A file by id, or a release file by where it sits: the versioned links of electron-updater's
// feeds (/download/<product>/<version>/<platform>/<filename>), beside which a build's blockmap is
// `<filename>.blockmap` and the previous version's is the same path with the old version in it.
export type FileByName = { productSlug: string; version: string; platform: Platform; filename: string };
export type FileRef = string | FileByName;

const releaseFileMatch = (ref: FileRef) =>
  typeof ref === "string"
    ? Prisma.sql`f."id" = ${ref}`
    : Prisma.sql`p."slug" = ${ref.productSlug} AND r."version" = ${ref.version}
                 AND f."platform"::text = ${ref.platform} AND f."filename" = ${ref.filename}`;

// Who asks and what a file id names for them, in one round trip (this runs on every click, and
// an id that is not theirs must cost what an unknown one costs): the caller (a known user, or
// the session or licence key a stable link's request carries, see link-callers.ts); a file
// customers may download (ready, in a published release) with the caller's entitlement to its
// product, or a file the seller made for this caller. The entitlement is the one a licence key
// belongs to when the caller acts through a key (a key reaches neither other purchases nor the
// customer's own files); otherwise an active one first, then one whose update window covers the
// release, then the newest. `caller` is null when nobody is signed in.
export async function findDownloadable(ref: FileRef, who: KnownCaller | LinkCredentials) {
  const [row] = await db.$queryRaw<FileRow[]>`
    WITH ${callerCtes(who)}
    SELECT c."id" AS "callerId", c."email" AS "callerEmail", c."via" AS "callerVia", d.*
    FROM caller c LEFT JOIN LATERAL (
      SELECT 'release' AS "kind", f."id", f."filename", f."objectKey", f."contentType", NULL AS "title", r."version",
             r."publishedAt", p."id" AS "productId", p."name" AS "productName", p."slug" AS "productSlug", p."downloadLimit",
             e."id" AS "entitlementId", e."status"::text AS "entitlementStatus", e."reason" AS "entitlementReason",
             e."downloadsResetAt", e."updatesUntil"
      FROM "ReleaseFile" f
      JOIN "Release" r ON r."id" = f."releaseId" AND r."status" = 'published'
      JOIN "Product" p ON p."id" = r."productId"
      LEFT JOIN LATERAL (
        SELECT * FROM "Entitlement" x
        WHERE x."userId" = c."id" AND x."productId" = p."id" AND (c."via" IS NULL OR x."id" = c."via")
        ORDER BY (x."status" = 'active') DESC, (x."updatesUntil" IS NULL OR coalesce(r."publishedAt" <= x."updatesUntil", false)) DESC,
                 x."createdAt" DESC
        LIMIT 1
      ) e ON true
      WHERE ${releaseFileMatch(ref)} AND f."status" = 'ready'
      UNION ALL
      SELECT 'customer', cf."id", cf."filename", cf."objectKey", cf."contentType", cf."title",
             NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
      FROM "CustomerFile" cf
      WHERE cf."id" = ${typeof ref === "string" ? ref : null}::text AND cf."userId" = c."id" AND cf."status" = 'ready' AND cf."removedAt" IS NULL
        AND c."via" IS NULL
      LIMIT 1
    ) d ON true`;
  return { caller: callerFrom(row), found: row?.kind ? toDownloadable(row) : null };
}

function toDownloadable(row: FileRow) {
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

// For `/download/<product>/latest`, in one round trip with the caller (see findDownloadable):
// whether this caller may learn of the product at all (a product taken off sale is unknown to
// everyone but those who hold an entitlement to it, as on the storefront) and the update window
// to resolve "latest" in, from the entitlement findDownloadable will pick (the key's own when
// the caller acts through a key).
export async function findLatestAccess(slug: string, who: KnownCaller | LinkCredentials) {
  const [row] = await db.$queryRaw<
    (CallerColumns & { active: boolean; entitlementId: string | null; updatesUntil: Date | null })[]
  >`
    WITH ${callerCtes(who)}
    SELECT c."id" AS "callerId", c."email" AS "callerEmail", c."via" AS "callerVia",
           p."active", e."id" AS "entitlementId", e."updatesUntil"
    FROM "Product" p
    LEFT JOIN caller c ON true
    LEFT JOIN LATERAL (
      SELECT x."id", x."updatesUntil" FROM "Entitlement" x
      WHERE x."userId" = c."id" AND x."productId" = p."id" AND (c."via" IS NULL OR x."id" = c."via")
      ORDER BY (x."status" = 'active') DESC, x."updatesUntil" DESC NULLS FIRST, x."createdAt" DESC
      LIMIT 1
    ) e ON true
    WHERE p."slug" = ${slug}`;
  const caller = callerFrom(row);
  if (!row || (!row.active && !row.entitlementId)) return { caller, access: null };
  return { caller, access: { updatesUntil: row.entitlementId ? row.updatesUntil : null } };
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

// Refusals are bounded (lib/dal/download-events.ts): the repeats of one refusal (caller, file and
// entitlement asked for, reason) within one clock minute meet on one row through this key.
const DENIAL_WINDOW_MS = 60_000;
export const denialKeyOf = (data: Omit<DownloadEventInput, "outcome">) =>
  [
    data.userId,
    data.fileId,
    data.customerFileId,
    data.entitlementId,
    data.reason,
    Math.floor(Date.now() / DENIAL_WINDOW_MS),
  ]
    .map((part) => part ?? "")
    .join("|");

const RATE_WINDOW_MS = 60_000;

export type Reservation =
  | { ok: true; eventId: string }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number }
  | { ok: false; reason: "download_limit"; limit: number };

// Checks the per-user rate limit and the per-entitlement cap (none for a customer's own file,
// which has no entitlement) and records the issued download, or the refusal (bounded, as
// recordDownloadDenial records it), atomically per user and in one round trip:
// `reserve_download` (prisma/migrations/…_reserve_download_function) takes a per-user advisory
// lock in PostgreSQL, so one user's requests queue across every app instance, and counts after
// the lock, so concurrent clicks cannot slip past either limit.
export async function reserveDownload(
  event: Omit<DownloadEventInput, "outcome" | "reason">,
  limits: { perMinute: number; cap: number | null; capResetAt: Date | null },
): Promise<Reservation> {
  const data = eventData({ ...event, outcome: "issued" });
  const since = new Date(Date.now() - RATE_WINDOW_MS);
  const refusalKey = (reason: "rate_limited" | "download_limit") => denialKeyOf({ ...data, reason });
  const [row] = await db.$queryRaw<
    { recent: number; oldest: Date | null; used: number; eventId: string | null }[]
  >`
    SELECT * FROM reserve_download(
      ${`dl${randomUUID().replace(/-/g, "")}`}, ${data.userId}, ${data.fileId}, ${data.customerFileId ?? null},
      ${data.entitlementId ?? null}, ${data.ip ?? null}, ${data.userAgent ?? null}, ${since}::timestamp,
      ${limits.perMinute}::int, ${limits.cap}::int, ${limits.capResetAt}::timestamp,
      ${refusalKey("rate_limited")}, ${refusalKey("download_limit")})`;
  if (row.eventId) return { ok: true, eventId: row.eventId };
  if (row.recent >= limits.perMinute) {
    const oldest = row.oldest!.getTime();
    return {
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: Math.max(1, Math.ceil((oldest + RATE_WINDOW_MS - Date.now()) / 1000)),
    };
  }
  return { ok: false, reason: "download_limit", limit: limits.cap! };
}
