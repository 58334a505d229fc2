import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../db";
import { denialKeyOf, eventData, type DownloadEventInput } from "./downloads";

export type DownloadDenial = Omit<DownloadEventInput, "outcome" | "reason"> & {
  userId: string;
  reason: string;
};

// Refused downloads, bounded like recordDenial (lib/dal/audit.ts): the same refusal (caller, file
// and entitlement asked for, reason) within one clock minute adds to one row's `count`, so a
// client that keeps asking grows the table by at most one row per file, reason and minute. One
// statement: the unique `denialKey` makes concurrent refusals, from any number of app instances,
// meet on one row. The address and user agent are the latest seen.
export async function recordDownloadDenial(denial: DownloadDenial) {
  const data = eventData({ ...denial, outcome: "denied" });
  const denialKey = denialKeyOf(data);
  await db.$executeRaw`
    INSERT INTO "DownloadEvent" ("id", "userId", "fileId", "customerFileId", "entitlementId", "outcome", "reason", "ip", "userAgent", "denialKey")
    VALUES (${`dl${randomUUID().replace(/-/g, "")}`}, ${data.userId}, ${data.fileId}, ${data.customerFileId ?? null}, ${data.entitlementId ?? null},
            'denied', ${data.reason}, ${data.ip ?? null}, ${data.userAgent ?? null}, ${denialKey})
    ON CONFLICT ("denialKey") DO UPDATE
      SET "count" = "DownloadEvent"."count" + 1, "ip" = EXCLUDED."ip", "userAgent" = EXCLUDED."userAgent"`;
}

// A reserved download that could not be served: as "failed" it no longer counts against the
// customer's rate limit or download cap.
export async function markDownloadFailed(eventId: string, reason: string) {
  await db.downloadEvent.update({ where: { id: eventId }, data: { outcome: "failed", reason } });
}

const MISSING_NOTICE_MS = 3_600_000;

// Tells the seller, through the audit log, that a published file's object is gone from the
// bucket; at most once an hour per file, however many customers run into it.
export async function reportMissingObject(
  fileId: string,
  type: "ReleaseFile" | "CustomerFile" = "ReleaseFile",
) {
  const recent = await db.auditLog.findFirst({
    where: {
      action: "file.object_missing",
      targetId: fileId,
      createdAt: { gt: new Date(Date.now() - MISSING_NOTICE_MS) },
    },
    select: { id: true },
  });
  if (recent) return;
  await db.auditLog.create({
    data: { actorEmail: "system", action: "file.object_missing", targetType: type, targetId: fileId },
  });
}

// Rows written before refusals were merged name an unknown id in the reason, or a file the
// user did not own: both read as what they are to the customer, "not in your library".
const legacyReasons: Record<string, string> = {
  not_entitled: "not_in_library",
  unknown_file: "not_in_library",
};

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
      count: true,
      ip: true,
      file: {
        select: {
          filename: true,
          platform: true,
          release: { select: { version: true, product: { select: { name: true } } } },
        },
      },
      customerFile: { select: { filename: true, title: true } },
    },
  });
  return events.map((event) => {
    const reason = event.reason?.split(":")[0] ?? null;
    const notInLibrary = reason !== null && legacyReasons[reason] !== undefined;
    // A refusal of a file the user does not own shows nothing of that file, old rows included.
    const file = notInLibrary ? null : event.file;
    return {
      id: event.id,
      at: event.createdAt,
      outcome: event.outcome,
      reason: notInLibrary ? legacyReasons[reason] : reason,
      count: event.count,
      ip: event.ip,
      product: file?.release.product.name ?? event.customerFile?.title ?? null,
      version: file?.release.version ?? null,
      filename: file?.filename ?? event.customerFile?.filename ?? null,
      platform: file?.platform ?? null,
    };
  });
}
