import { S3Client } from "@aws-sdk/client-s3";
import type { Env } from "../env-schema";

type StorageConfig = Pick<
  Env,
  "S3_REGION" | "S3_ENDPOINT" | "S3_FORCE_PATH_STYLE" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY"
>;

// Without explicit keys the SDK's default chain applies (instance roles, AWS_PROFILE, …).
export function createS3Client(config: StorageConfig) {
  return new S3Client({
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    credentials:
      config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
        : undefined,
    // The SDK's default CRC32 checksums put aws-chunked framing into streamed uploads on
    // S3-compatible servers and an empty-body checksum into presigned URLs.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}
