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
      release: { select: { product: { select: { id: true, name: true } } } },
    },
  });
  if (!file) return null;
  const { release, ...rest } = file;
  return { ...rest, product: release.product };
}

export type DownloadOutcome = "issued" | "denied" | "failed";

export async function recordDownloadEvent(event: {
  userId: string | null;
  fileId: string | null;
  entitlementId?: string | null;
  outcome: DownloadOutcome;
  reason?: string;
  ip?: string | null;
  userAgent?: string | null;
}) {
  await db.downloadEvent.create({
    data: { ...event, userAgent: event.userAgent?.slice(0, 512), ip: event.ip?.slice(0, 64) },
  });
}
