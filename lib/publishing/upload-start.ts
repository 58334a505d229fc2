// What release uploads and customer-file uploads share when one is started.
import "server-only";
import type { UploadRecord } from "../dal/uploads";
import { abortMultipartUpload } from "../storage/multipart";
import type { StartedUpload } from "./contract";
import { ResultError } from "../result";

export const toStartedUpload = (record: UploadRecord): StartedUpload => ({
  fileId: record.fileId,
  partSize: record.partSize,
  partCount: record.partCount,
  completedParts: record.parts,
});

// A concurrent request for the same file inserted its row first: drop the multipart upload this
// request opened in the bucket and continue with the winner's.
export async function joinConcurrentStart(
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
