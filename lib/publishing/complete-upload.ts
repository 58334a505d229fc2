// Turns a finished multipart upload into a ready file: S3 assembles the parts, then the app
// reads the object back once, as a stream, and records the SHA-256 and size the bucket holds (and
// for a release file its SHA-512 and Sparkle signature, lib/publishing/release-signatures.ts).
import "server-only";
import { recordAudit } from "../dal/audit";
import { deletePendingFile, findUpload, markUploadCompleted, type UploadRecord } from "../dal/uploads";
import { announceCustomerFile } from "./customer-files";
import { auditTarget, findUploadFor } from "./upload-records";
import {
  abortMultipartUpload,
  completeMultipartUpload,
  deleteObject,
  openObject,
  s3ErrorCode,
} from "../storage/multipart";
import type { Actor, CompletedFile } from "./contract";
import { digestObject, findMismatchedPart, md5Of, storeCheckedParts, unquote } from "./object-digest";
import { planSignature, SignatureRefused } from "./release-signatures";
import { ResultError } from "../result";

// S3 refuses the part list itself: resending the same list cannot help.
const REJECTED_PARTS = new Set(["InvalidPart", "InvalidPartOrder", "EntityTooSmall"]);

const completedFile = (record: UploadRecord): CompletedFile => ({
  fileId: record.fileId,
  sizeBytes: record.sizeBytes,
  sha256: record.sha256!,
});

function describeMissing(missing: number[], partCount: number) {
  const listed =
    missing.length > 10
      ? `${missing.slice(0, 10).join(", ")} and ${missing.length - 10} more`
      : missing.join(", ");
  return `Part${missing.length === 1 ? "" : "s"} ${listed} of ${partCount} ${missing.length === 1 ? "is" : "are"} not uploaded yet; upload ${missing.length === 1 ? "it" : "them"} and complete again.`;
}

// A failed upload leaves nothing behind: no object, no pending file. The audit keeps the reason.
async function failUpload(
  record: UploadRecord,
  actor: Actor,
  reason: string,
  objectExists: boolean,
): Promise<never> {
  if (objectExists) await deleteObject(record.objectKey);
  else await abortMultipartUpload(record.objectKey, record.s3UploadId);
  await deletePendingFile(record.fileId);
  await recordAudit(actor, "upload.fail", auditTarget(record), { filename: record.filename, reason });
  throw new ResultError(
    "conflict",
    `The upload of ${record.filename} failed: ${reason}. Start the upload again.`,
  );
}

async function assembleParts(record: UploadRecord, actor: Actor) {
  try {
    await completeMultipartUpload(record.objectKey, record.s3UploadId, record.parts);
  } catch (error) {
    const code = s3ErrorCode(error);
    if (code && REJECTED_PARTS.has(code)) {
      await failUpload(
        record,
        actor,
        `the bucket rejected the recorded parts (${code}: an ETag or size does not match what it stored)`,
        false,
      );
    }
    // A completion that succeeded before (a retried request) answers NoSuchUpload: the object
    // is then already there, which the read below finds out.
    if (code !== "NoSuchUpload") throw error;
  }
}

async function openAssembledObject(record: UploadRecord, actor: Actor) {
  try {
    return await openObject(record.objectKey);
  } catch (error) {
    if (s3ErrorCode(error) !== "NoSuchKey") throw error;
    return failUpload(
      record,
      actor,
      "the bucket no longer has this upload (unfinished uploads expire)",
      false,
    );
  }
}

export async function completeUpload(
  fileId: string,
  actor: Actor,
  options: { edSignature?: string } = {},
): Promise<CompletedFile> {
  const record = await findUploadFor(fileId, actor);
  if (!record) throw new ResultError("not_found", "There is no upload for this file.");
  if (record.uploadStatus === "completed" && record.status === "ready") return completedFile(record);
  const signing = planSignature(record.kind, options.edSignature);
  if (record.uploadStatus !== "uploading")
    throw new ResultError("conflict", "This upload was aborted; start it again.");

  const recorded = new Set(record.parts.map((part) => part.partNumber));
  const missing = Array.from({ length: record.partCount }, (_, index) => index + 1).filter(
    (number) => !recorded.has(number),
  );
  if (missing.length > 0) throw new ResultError("conflict", describeMissing(missing, record.partCount));

  await assembleParts(record, actor);
  const object = await openAssembledObject(record, actor);
  const checkParts = !storeCheckedParts(object.etag);
  const digest = await digestObject(object.body, {
    partSize: checkParts ? record.partSize : null,
    sha512: record.kind === "release",
    also: signing.sinks,
  });
  if (digest.sizeBytes !== record.sizeBytes) {
    await failUpload(
      record,
      actor,
      `the bucket holds ${digest.sizeBytes} bytes but ${record.sizeBytes} were announced`,
      true,
    );
  }
  const wrongPart = checkParts ? findMismatchedPart(digest, record.parts) : null;
  if (wrongPart && unquote(object.etag) === (await md5Of((await openObject(record.objectKey)).body))) {
    await failUpload(
      record,
      actor,
      `part ${wrongPart.partNumber}'s recorded ETag ${wrongPart.etag} does not match the bytes stored for it`,
      true,
    );
  }

  const signature = await signing
    .finish(async () => (await openObject(record.objectKey)).body)
    .catch((error) => {
      if (error instanceof SignatureRefused) return failUpload(record, actor, error.message, true);
      throw error;
    });
  const result = { fileId, sizeBytes: digest.sizeBytes, sha256: digest.sha256 };
  if (!(await markUploadCompleted(fileId, { ...result, sha512: digest.sha512, signature }))) {
    // A concurrent request finished first (same bytes, same answer) or the upload was aborted.
    const now = await findUpload(fileId);
    if (now?.status === "ready") return completedFile(now);
    await deleteObject(record.objectKey);
    throw new ResultError("conflict", "This upload was aborted while it was being completed.");
  }
  await recordAudit(actor, "upload.complete", auditTarget(record), {
    filename: record.filename,
    sizeBytes: result.sizeBytes,
    sha256: result.sha256,
  });
  if (record.kind === "customer") await announceCustomerFile(fileId);
  return result;
}
