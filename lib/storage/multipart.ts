// Multipart uploads into the private bucket. Browsers and the CLI send the bytes straight to
// S3 with presigned UploadPart URLs; the app only starts, completes and reads back objects.
import "server-only";
import type { Readable } from "node:stream";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { env } from "../env";
import { s3 } from "./s3";

const PART_URL_TTL_SECONDS = 3600;

export async function createMultipartUpload(objectKey: string, contentType: string): Promise<string> {
  const answer = await s3().send(
    new CreateMultipartUploadCommand({ Bucket: env().S3_BUCKET, Key: objectKey, ContentType: contentType }),
  );
  if (!answer.UploadId) throw new Error(`the bucket returned no upload id for ${objectKey}`);
  return answer.UploadId;
}

export function presignUploadPart(objectKey: string, s3UploadId: string, partNumber: number) {
  const command = new UploadPartCommand({
    Bucket: env().S3_BUCKET,
    Key: objectKey,
    UploadId: s3UploadId,
    PartNumber: partNumber,
  });
  return getSignedUrl(s3(), command, { expiresIn: PART_URL_TTL_SECONDS });
}

export async function completeMultipartUpload(
  objectKey: string,
  s3UploadId: string,
  parts: { partNumber: number; etag: string }[],
) {
  await s3().send(
    new CompleteMultipartUploadCommand({
      Bucket: env().S3_BUCKET,
      Key: objectKey,
      UploadId: s3UploadId,
      MultipartUpload: { Parts: parts.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })) },
    }),
  );
}

// Best effort: some S3-compatible servers (the local one included) do not implement abort, and
// the bucket's AbortIncompleteMultipartUpload lifecycle rule removes leftover parts anyway.
export async function abortMultipartUpload(objectKey: string, s3UploadId: string): Promise<boolean> {
  try {
    await s3().send(
      new AbortMultipartUploadCommand({ Bucket: env().S3_BUCKET, Key: objectKey, UploadId: s3UploadId }),
    );
    return true;
  } catch {
    return false;
  }
}

// The object as a Node stream, never buffered; `etag` tells how the store computed ETags.
export async function openObject(objectKey: string) {
  const answer = await s3().send(new GetObjectCommand({ Bucket: env().S3_BUCKET, Key: objectKey }));
  return { body: answer.Body as Readable, etag: answer.ETag ?? "" };
}

export async function deleteObject(objectKey: string) {
  await s3().send(new DeleteObjectCommand({ Bucket: env().S3_BUCKET, Key: objectKey }));
}

// The S3 error code ("InvalidPart", "NoSuchUpload", …) of a failed call, if it has one.
export const s3ErrorCode = (error: unknown): string | undefined =>
  (error as { Code?: string; name?: string } | null)?.Code ?? (error as { name?: string } | null)?.name;
