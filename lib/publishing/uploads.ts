// Multipart uploads of release files (and, from the admin area, customer files), for the admin pages, the publishing API and the CLI.
// Bytes go from the client straight to the bucket; part ETags are kept in the database, which
// is what resumes an interrupted upload (S3-compatible servers may lack ListParts).
import "server-only";
import { recordAudit } from "../dal/audit";
import { findReleaseForUpload } from "../dal/releases-admin";
import {
  createPendingUpload,
  deletePendingFile,
  deleteStaleUpload,
  findSlotFiles,
  findStaleUploads,
  findUpload,
  saveUploadPart,
  touchUpload,
  type UploadPlan,
} from "../dal/uploads";
import { platformLabel } from "../platforms";
import type { StartUpload } from "../schemas/uploads";
import { abortMultipartUpload, presignUploadPart } from "../storage/multipart";
import { releaseFileKey } from "../storage/object-keys";
import type { Actor, PartUrl, StartedUpload, UploadedPart } from "./contract";
import { expectedPartBytes } from "./part-size";
import { auditTarget, findUploadFor, findUploadPlanFor } from "./upload-records";
import { openNewUpload, toStartedUpload } from "./upload-start";
import { ResultError } from "../result";

export { choosePartSize } from "./part-size";
export { completeUpload } from "./complete-upload";

const MAX_PARTS_PER_PRESIGN = 100;
const conflict = (message: string) => new ResultError("conflict", message);
const invalid = (message: string) => new ResultError("invalid_input", message);

// The same file (release, platform, name and size) started again resumes its open upload.
async function openUploadInSlot(request: StartUpload): Promise<StartedUpload | null> {
  const files = await findSlotFiles(request);
  if (files.some((file) => file.status === "ready")) {
    throw conflict(
      `This release already has ${request.filename} for ${platformLabel(request.platform)}; upload a new build under another name or into a new release.`,
    );
  }
  const open = files.find((file) => file.status === "pending" && file.uploadStatus === "uploading");
  if (!open) return null;
  if (open.sizeBytes !== request.sizeBytes) {
    throw conflict(
      `An upload of ${request.filename} for ${platformLabel(request.platform)} with another size (${open.sizeBytes} bytes) is in progress; abort it (file ${open.id}) to upload this one.`,
    );
  }
  const record = await findUpload(open.id);
  return record && toStartedUpload(record);
}

// Takes what the schema parsed (the admin action and the API parse; this does not parse again).
export async function startUpload(request: StartUpload, actor: Actor): Promise<StartedUpload> {
  const release = await findReleaseForUpload(request.releaseId);
  if (!release) throw new ResultError("not_found", "There is no such release.");
  if (release.status === "yanked")
    throw conflict(
      `${release.version} was yanked (${release.yankReason ?? "no reason given"}); upload into a new release.`,
    );
  const resumed = await openUploadInSlot(request);
  if (resumed) return resumed;

  // The random segment makes object keys unguessable, even for someone who knows the release.
  const { productSlug, version } = release;
  const objectKey = releaseFileKey({ productSlug, version, filename: request.filename });
  return openNewUpload(
    { ...request, objectKey },
    {
      record: (plan) => createPendingUpload({ ...request, ...plan }),
      resume: () => openUploadInSlot(request),
      audit: (fileId, { partCount }) =>
        recordAudit(
          actor,
          "upload.start",
          { type: "ReleaseFile", id: fileId },
          {
            releaseId: release.id,
            platform: request.platform,
            filename: request.filename,
            sizeBytes: request.sizeBytes,
            partCount,
          },
        ),
    },
  );
}

// Runs on every part (signing its URL, recording it): the plan only, never the parts so far.
async function openUpload(fileId: string, actor: Actor): Promise<UploadPlan> {
  const record = await findUploadPlanFor(fileId, actor);
  if (!record) throw new ResultError("not_found", "There is no upload for this file.");
  if (record.uploadStatus === "completed") throw conflict(`${record.filename} is already uploaded.`);
  if (record.uploadStatus !== "uploading") throw conflict("This upload was aborted; start it again.");
  return record;
}

// Within this upload's plan; the schemas know only S3's 10,000.
const checkPartNumber = (record: UploadPlan, partNumber: number): number => {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > record.partCount) {
    throw invalid(
      `Part numbers of this upload run from 1 to ${record.partCount}; got ${String(partNumber)}.`,
    );
  }
  return partNumber;
};

// Presigned UploadPart URLs, valid for an hour; ask again for a part whose URL expired.
export async function presignParts(fileId: string, partNumbers: number[], actor: Actor): Promise<PartUrl[]> {
  const record = await openUpload(fileId, actor);
  if (partNumbers.length === 0) throw invalid("Ask for at least one part.");
  if (partNumbers.length > MAX_PARTS_PER_PRESIGN)
    throw invalid(`Ask for at most ${MAX_PARTS_PER_PRESIGN} parts at a time.`);
  const wanted = [...new Set(partNumbers.map((number) => checkPartNumber(record, number)))];
  await touchUpload(fileId);
  return Promise.all(
    wanted.map(async (partNumber) => ({
      partNumber,
      url: await presignUploadPart(record.objectKey, record.s3UploadId, partNumber),
    })),
  );
}

// Records the ETag the bucket answered for a part (quotes kept); sending a part again replaces it.
export async function recordPart(fileId: string, part: UploadedPart, actor: Actor): Promise<void> {
  const record = await openUpload(fileId, actor);
  const partNumber = checkPartNumber(record, part.partNumber);
  if (part.etag.length === 0 || part.etag.length > 200 || /[\p{Cc}]/u.test(part.etag)) {
    throw invalid(`Part ${partNumber}: the ETag must be the bucket's ETag header, as it was answered.`);
  }
  const expected = expectedPartBytes(record.sizeBytes, record.partSize, partNumber);
  if (part.size !== expected)
    throw invalid(`Part ${partNumber} must be ${expected} bytes; got ${String(part.size)}.`);
  if (!(await saveUploadPart(fileId, { partNumber, etag: part.etag, size: part.size }))) {
    throw conflict("This upload is no longer open.");
  }
}

// The upload's plan and the parts recorded so far; null when there is none (or it was aborted).
export async function getUpload(fileId: string, actor: Actor): Promise<StartedUpload | null> {
  const record = await findUploadFor(fileId, actor);
  return record && record.uploadStatus !== "aborted" ? toStartedUpload(record) : null;
}

export async function abortUpload(fileId: string, actor: Actor): Promise<void> {
  const record = await findUploadFor(fileId, actor);
  if (!record) throw new ResultError("not_found", "There is no upload for this file.");
  if (record.status === "ready")
    throw conflict(
      `${record.filename} is already uploaded; an upload can only be aborted before it completes.`,
    );
  await abortMultipartUpload(record.objectKey, record.s3UploadId);
  if (await deletePendingFile(fileId)) {
    await recordAudit(actor, "upload.abort", auditTarget(record), {
      filename: record.filename,
      partsUploaded: record.parts.length,
    });
  }
}

// Removes uploads nobody touched since `olderThan` (closed tabs, crashed CLIs); run it from a
// scheduled job. Returns how many were removed.
export async function cleanupAbandonedUploads(olderThan: Date): Promise<number> {
  let removed = 0;
  for (
    let batch = await findStaleUploads(olderThan);
    batch.length > 0;
    batch = await findStaleUploads(olderThan)
  ) {
    let removedInBatch = 0;
    for (const upload of batch) {
      if (!(await deleteStaleUpload(upload.fileId, olderThan))) continue;
      await abortMultipartUpload(upload.objectKey, upload.s3UploadId);
      await recordAudit(null, "upload.cleanup", auditTarget(upload), { filename: upload.filename });
      removedInBatch += 1;
    }
    removed += removedInBatch;
    if (removedInBatch === 0) break;
  }
  return removed;
}
