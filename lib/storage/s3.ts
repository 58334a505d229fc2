// The private bucket. Downloads leave through short-lived presigned GETs; the app never
// streams file bytes itself.
import "server-only";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { env } from "../env";
import { createS3Client } from "./client";
import { attachmentDisposition } from "./content-disposition";

let client: S3Client | undefined;

export function s3(): S3Client {
  client ??= createS3Client(env());
  return client;
}

export type PresignTarget = { objectKey: string; filename: string; contentType: string };

export async function presignDownload(target: PresignTarget, expiresIn = env().DOWNLOAD_LINK_TTL_SECONDS) {
  const command = new GetObjectCommand({
    Bucket: env().S3_BUCKET,
    Key: target.objectKey,
    ResponseContentDisposition: attachmentDisposition(target.filename),
    ResponseContentType: target.contentType,
  });
  const url = await getSignedUrl(s3(), command, { expiresIn });
  return { url, expiresAt: new Date(Date.now() + expiresIn * 1000) };
}
