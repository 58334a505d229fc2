// The private bucket. Downloads leave through short-lived presigned GETs; the app never
// streams file bytes itself.
import "server-only";
import { GetObjectCommand, HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { env } from "../env";
import { createS3Client } from "./client";
import { cloudFrontDownloadUrl } from "./cloudfront";
import { attachmentDisposition } from "./content-disposition";

let client: S3Client | undefined;

export function s3(): S3Client {
  client ??= createS3Client(env());
  return client;
}

export type PresignTarget = { objectKey: string; filename: string; contentType: string };

// The one place download links are minted: a presigned GET from the bucket, or with
// DOWNLOAD_CDN=cloudfront a CloudFront signed URL for the same object, name, type and lifetime.
export async function presignDownload(target: PresignTarget, expiresIn = env().DOWNLOAD_LINK_TTL_SECONDS) {
  if (env().DOWNLOAD_CDN === "cloudfront") {
    // Whole seconds: CloudFront's policy counts in epoch seconds, rounded down.
    const expiresAt = new Date(Math.floor(Date.now() / 1000 + expiresIn) * 1000);
    return { url: cloudFrontDownloadUrl(env(), target, expiresAt), expiresAt };
  }
  const command = new GetObjectCommand({
    Bucket: env().S3_BUCKET,
    Key: target.objectKey,
    ResponseContentDisposition: attachmentDisposition(target.filename),
    ResponseContentType: target.contentType,
  });
  const url = await getSignedUrl(s3(), command, { expiresIn });
  return { url, expiresAt: new Date(Date.now() + expiresIn * 1000) };
}

export type StoredObject = "present" | "missing" | "unavailable";

// Short enough that a customer hears back quickly when the bucket hangs, long enough for a
// slow but working store (the SDK's own retries of 5xx and connection errors fit inside it).
export const OBJECT_CHECK_TIMEOUT_MS = 2500;

// Presigning is local arithmetic: it succeeds with the bucket down or the object deleted. One
// HEAD, bounded in time, tells whether a link would work. Never throws. A 403 counts as
// unavailable: it means wrong credentials, or (without s3:ListBucket) a missing object.
export async function checkObject(
  objectKey: string,
  timeoutMs = OBJECT_CHECK_TIMEOUT_MS,
): Promise<StoredObject> {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: env().S3_BUCKET, Key: objectKey }), {
      abortSignal: AbortSignal.timeout(timeoutMs),
    });
    return "present";
  } catch (error) {
    return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404
      ? "missing"
      : "unavailable";
  }
}
