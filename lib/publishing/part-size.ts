// How a file is cut into multipart parts. Pure and isomorphic: the server decides, clients may
// show the plan. S3 allows at most 10,000 parts of at most 5 GiB and objects up to 5 TiB.
import { ResultError } from "../result";

const MIB = 1024 * 1024;
export const MIN_PART_BYTES = 8 * MIB;
export const MAX_PARTS = 10_000;
export const MAX_OBJECT_BYTES = 5 * 1024 ** 4;

// At least 8 MiB (fewer round trips than S3's 5 MiB floor), a whole number of MiB, and large
// enough that the file fits in 10,000 parts; a 5 TiB file gets 525 MiB parts.
export function choosePartSize(sizeBytes: number): number {
  if (!Number.isSafeInteger(sizeBytes) || sizeBytes <= 0) {
    throw new ResultError(
      "invalid_input",
      "The file is empty: sizeBytes must be a whole number of bytes above 0.",
    );
  }
  if (sizeBytes > MAX_OBJECT_BYTES) {
    throw new ResultError("invalid_input", "The file is larger than 5 TiB, the largest object S3 can store.");
  }
  return Math.max(MIN_PART_BYTES, Math.ceil(sizeBytes / MAX_PARTS / MIB) * MIB);
}

export const partCountFor = (sizeBytes: number, partSize: number) => Math.ceil(sizeBytes / partSize);

// Every part is partSize bytes except the last, which holds the rest.
export function expectedPartBytes(sizeBytes: number, partSize: number, partNumber: number) {
  return Math.min(partSize, sizeBytes - (partNumber - 1) * partSize);
}
