import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";

export type S3ClientOptions = {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
};

// The SDK's default CRC32 checksums make s3rver store streamed uploads with their
// aws-chunked framing and put empty-body checksums into presigned PUT URLs.
export function makeS3Client(
  { endpoint, region, accessKeyId, secretAccessKey }: S3ClientOptions,
  overrides: S3ClientConfig = {},
): S3Client {
  return new S3Client({
    endpoint,
    region,
    credentials: { accessKeyId, secretAccessKey },
    forcePathStyle: true,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    ...overrides,
  });
}
