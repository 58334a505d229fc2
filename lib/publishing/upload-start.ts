// What release uploads and customer-file uploads share when one is started.
import "server-only";
import type { UploadRecord } from "../dal/uploads";
import { abortMultipartUpload, createMultipartUpload } from "../storage/multipart";
import type { StartedUpload } from "./contract";
import { choosePartSize, partCountFor } from "./part-size";
import { ResultError } from "../result";

export const toStartedUpload = (record: UploadRecord): StartedUpload => ({
  fileId: record.fileId,
  partSize: record.partSize,
  partCount: record.partCount,
  completedParts: record.parts,
});

// A concurrent request for the same file inserted its row first: drop the multipart upload this
// request opened in the bucket and continue with the winner's.
async function joinConcurrentStart(
  lost: { objectKey: string; s3UploadId: string; filename: string },
  findWinner: () => Promise<StartedUpload | null>,
): Promise<StartedUpload> {
  await abortMultipartUpload(lost.objectKey, lost.s3UploadId);
  const winner = await findWinner();
  if (winner) return winner;
  throw new ResultError(
    "conflict",
    `Another upload of ${lost.filename} started at the same moment; try again.`,
  );
}

type NewFile = { objectKey: string; filename: string; sizeBytes: number; contentType: string };
type Plan = { objectKey: string; s3UploadId: string; partSize: number; partCount: number };
type Start = {
  // Inserts the pending file with its plan, unless a concurrent start of the same file did first.
  record: (plan: Plan) => Promise<{ created: true; fileId: string } | { created: false }>;
  resume: () => Promise<StartedUpload | null>; // the winner of such a race
  audit: (fileId: string, plan: Plan) => Promise<void>; // only the start that inserted the file
};

// A new upload, for either kind of file: its multipart upload in the bucket, then its row.
export async function openNewUpload(file: NewFile, start: Start): Promise<StartedUpload> {
  const partSize = choosePartSize(file.sizeBytes);
  const partCount = partCountFor(file.sizeBytes, partSize);
  const s3UploadId = await createMultipartUpload(file.objectKey, file.contentType);
  const plan = { objectKey: file.objectKey, s3UploadId, partSize, partCount };
  const created = await start.record(plan);
  if (!created.created) return joinConcurrentStart({ ...plan, filename: file.filename }, start.resume);
  await start.audit(created.fileId, plan);
  return { fileId: created.fileId, partSize, partCount, completedParts: [] };
}
