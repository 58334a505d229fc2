import "server-only";
import { db } from "../db";
import type { Platform } from "../platforms";
import type { UploadedPart } from "../publishing/contract";

// A release's "slot" is one platform + file name: it holds at most one ready or uploading file.
export type UploadSlot = { releaseId: string; platform: Platform; filename: string };
const slotWhere = (slot: UploadSlot) => ({
  releaseId: slot.releaseId,
  filename: slot.filename,
  platform: slot.platform,
});
const SLOT_LOCK_NAMESPACE = 7_071; // pg_advisory_xact_lock(namespace, hashtext(slot))

export async function findSlotFiles(slot: UploadSlot) {
  const files = await db.releaseFile.findMany({
    where: slotWhere(slot),
    select: { id: true, status: true, sizeBytes: true, upload: { select: { status: true } } },
    orderBy: { createdAt: "asc" },
  });
  return files.map((file) => ({
    id: file.id,
    status: file.status,
    sizeBytes: Number(file.sizeBytes),
    uploadStatus: file.upload?.status ?? null,
  }));
}

export type NewUpload = UploadSlot & {
  objectKey: string;
  sizeBytes: number;
  contentType: string;
  s3UploadId: string;
  partSize: number;
  partCount: number;
};

// Creates the pending file and its upload unless a concurrent request filled the slot first;
// the lock serialises requests for one slot across app instances.
export async function createPendingUpload(
  upload: NewUpload,
): Promise<{ created: true; fileId: string } | { created: false }> {
  const { s3UploadId, partSize, partCount, sizeBytes, ...file } = upload;
  return db.$transaction(async (tx) => {
    const key = `${upload.releaseId}/${upload.platform}/${upload.filename}`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SLOT_LOCK_NAMESPACE}::int, hashtext(${key}))`;
    const taken = await tx.releaseFile.count({
      where: { ...slotWhere(upload), OR: [{ status: "ready" }, { upload: { status: "uploading" } }] },
    });
    if (taken > 0) return { created: false };
    const created = await tx.releaseFile.create({
      data: {
        ...file,
        sizeBytes: BigInt(sizeBytes),
        status: "pending",
        upload: { create: { s3UploadId, partSize, partCount } },
      },
      select: { id: true },
    });
    return { created: true, fileId: created.id };
  });
}

// An upload fills a release's file or one customer's file; both share every step after the start.
export type UploadKind = "release" | "customer";
const uploadOf = (fileId: string) => ({ OR: [{ fileId }, { customerFileId: fileId }] });
const fileFields = {
  id: true,
  filename: true,
  objectKey: true,
  status: true,
  sizeBytes: true,
  sha256: true,
} as const;

export async function findUpload(fileId: string) {
  const upload = await db.upload.findFirst({
    where: uploadOf(fileId),
    select: {
      s3UploadId: true,
      partSize: true,
      partCount: true,
      status: true,
      parts: { select: { partNumber: true, etag: true, size: true }, orderBy: { partNumber: "asc" } },
      file: { select: fileFields },
      customerFile: { select: fileFields },
    },
  });
  const file = upload?.file ?? upload?.customerFile;
  if (!upload || !file) return null;
  const { status: uploadStatus, parts, file: releaseFile, customerFile, ...plan } = upload;
  const kind: UploadKind = releaseFile ? "release" : "customer";
  return {
    ...file,
    ...plan,
    kind,
    fileId: file.id,
    sizeBytes: Number(file.sizeBytes),
    uploadStatus,
    parts: parts as UploadedPart[],
  };
}

export type UploadRecord = NonNullable<Awaited<ReturnType<typeof findUpload>>>;
export type UploadPlan = Omit<UploadRecord, "parts">;

// The upload without its parts, in one query: what signing a part URL and recording a part need.
// Those run once per part (hundreds per file), so they must not read every part recorded so far.
export async function findUploadPlan(fileId: string): Promise<UploadPlan | null> {
  const [row] = await db.$queryRaw<
    (Omit<UploadPlan, "sizeBytes" | "kind"> & { sizeBytes: bigint; kind: UploadKind })[]
  >`
    SELECT u."s3UploadId", u."partSize", u."partCount", u."status"::text AS "uploadStatus",
           f."id", f."id" AS "fileId", f."filename", f."objectKey", f."status"::text AS "status", f."sizeBytes", f."sha256",
           f."kind"
    FROM "Upload" u
    JOIN (
      SELECT "id", "filename", "objectKey", "status"::text, "sizeBytes", "sha256", 'release' AS "kind" FROM "ReleaseFile" WHERE "id" = ${fileId}
      UNION ALL
      SELECT "id", "filename", "objectKey", "status"::text, "sizeBytes", "sha256", 'customer' FROM "CustomerFile" WHERE "id" = ${fileId}
    ) f ON f."id" = coalesce(u."fileId", u."customerFileId")
    WHERE u."fileId" = ${fileId} OR u."customerFileId" = ${fileId}
    LIMIT 1`;
  return row ? { ...row, sizeBytes: Number(row.sizeBytes) } : null;
}

// Upserts one part while the upload is still open, and marks the upload as active, in one
// statement: the upload's row lock orders it against a completion or an abort.
export async function saveUploadPart(fileId: string, part: UploadedPart): Promise<boolean> {
  const { partNumber, etag, size } = part;
  const saved = await db.$executeRaw`
    WITH open AS (
      UPDATE "Upload" SET "updatedAt" = ${new Date()}
      WHERE ("fileId" = ${fileId} OR "customerFileId" = ${fileId}) AND "status" = 'uploading'
      RETURNING "id"
    )
    INSERT INTO "UploadPart" ("uploadId", "partNumber", "etag", "size")
    SELECT "id", ${partNumber}::int, ${etag}, ${size}::int FROM open
    ON CONFLICT ("uploadId", "partNumber") DO UPDATE SET "etag" = EXCLUDED."etag", "size" = EXCLUDED."size"`;
  return saved > 0;
}

// Signing part URLs is activity too: a slow link may spend an hour on one large part.
export async function touchUpload(fileId: string) {
  await db.upload.updateMany({
    where: { ...uploadOf(fileId), status: "uploading" },
    data: { updatedAt: new Date() },
  });
}

// Marks the file ready once; false when another request completed (or removed) it first.
export async function markUploadCompleted(
  fileId: string,
  result: {
    sha256: string;
    sizeBytes: number;
    sha512?: string | null;
    signature?: { edSignature: string; edSignedBy: string } | null;
  },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const closed = await tx.upload.updateMany({
      where: { ...uploadOf(fileId), status: "uploading" },
      data: { status: "completed" },
    });
    if (closed.count === 0) return false;
    const data = { status: "ready" as const, sha256: result.sha256, sizeBytes: BigInt(result.sizeBytes) };
    // The id is one table's: the other update matches nothing.
    const feedFields = { sha512: result.sha512 ?? null, ...result.signature };
    await tx.releaseFile.updateMany({ where: { id: fileId }, data: { ...data, ...feedFields } });
    await tx.customerFile.updateMany({ where: { id: fileId }, data });
    return true;
  });
}

// Removes a file that never became ready, with its upload and parts (cascade).
export async function deletePendingFile(fileId: string): Promise<boolean> {
  const where = { id: fileId, status: "pending" as const };
  const [release, customer] = await db.$transaction([
    db.releaseFile.deleteMany({ where }),
    db.customerFile.deleteMany({ where }),
  ]);
  return release.count + customer.count > 0;
}

const staleUpload = (olderThan: Date) => ({ status: "uploading" as const, updatedAt: { lt: olderThan } });

export async function findStaleUploads(olderThan: Date, take = 500) {
  const uploads = await db.upload.findMany({
    where: staleUpload(olderThan),
    select: { s3UploadId: true, file: { select: fileFields }, customerFile: { select: fileFields } },
    take,
  });
  return uploads.flatMap(({ s3UploadId, file, customerFile }) => {
    const target = file ?? customerFile;
    return target
      ? [
          {
            fileId: target.id,
            objectKey: target.objectKey,
            filename: target.filename,
            s3UploadId,
            kind: (file ? "release" : "customer") as UploadKind,
          },
        ]
      : [];
  });
}

// Deletes only if it is still stale: a part recorded meanwhile keeps the upload alive.
export async function deleteStaleUpload(fileId: string, olderThan: Date): Promise<boolean> {
  const where = { id: fileId, status: "pending" as const, upload: staleUpload(olderThan) };
  const [release, customer] = await db.$transaction([
    db.releaseFile.deleteMany({ where }),
    db.customerFile.deleteMany({ where }),
  ]);
  return release.count + customer.count > 0;
}
