import { UploadPartCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { describe, expect, it } from "vitest";
import { createS3Client } from "../storage/client";
import { bucketOrigin, contentSecurityPolicy } from "./csp";

const base = {
  NODE_ENV: "production" as const,
  APP_URL: "https://store.example.com",
  S3_BUCKET: "my-builds",
  S3_REGION: "eu-west-1",
  S3_ENDPOINT: undefined as string | undefined,
  S3_FORCE_PATH_STYLE: false,
  STRIPE_API_URL: undefined as string | undefined,
};

describe("bucketOrigin", () => {
  // The page must be allowed to PUT parts to exactly the origin the presigned part URLs name.
  it.each([
    ["AWS, virtual-hosted", {}],
    ["AWS, path style", { S3_FORCE_PATH_STYLE: true }],
    [
      "R2",
      {
        S3_ENDPOINT: "https://0123abcd.r2.cloudflarestorage.com",
        S3_REGION: "auto",
        S3_FORCE_PATH_STYLE: true,
      },
    ],
    ["MinIO, virtual-hosted", { S3_ENDPOINT: "https://minio.example.com:9000" }],
    ["the local server", { S3_ENDPOINT: "http://127.0.0.1:4568", S3_FORCE_PATH_STYLE: true }],
  ])("%s: the origin of a presigned UploadPart URL", async (_name, overrides) => {
    const config = { ...base, ...overrides };
    const client = createS3Client({
      ...config,
      S3_ACCESS_KEY_ID: "AKIDEXAMPLE",
      S3_SECRET_ACCESS_KEY: "secret",
    });
    const url = await getSignedUrl(
      client,
      new UploadPartCommand({
        Bucket: config.S3_BUCKET,
        Key: "products/a/1.0.0/x/file.zip",
        UploadId: "u",
        PartNumber: 1,
      }),
      { expiresIn: 60 },
    );
    expect(bucketOrigin(config)).toBe(new URL(url).origin);
  });
});

describe("contentSecurityPolicy", () => {
  it("is strict in production: nonce scripts, no framing, the bucket and checkout allowed, https upgrades", () => {
    const policy = contentSecurityPolicy(base, "abc123");
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("connect-src 'self' https://my-builds.s3.eu-west-1.amazonaws.com");
    expect(policy).toContain("form-action 'self' https://checkout.stripe.com");
    expect(policy).toContain("upgrade-insecure-requests");
  });

  it("allows eval and hot reload only in development, and no upgrade over http", () => {
    const policy = contentSecurityPolicy(
      {
        ...base,
        NODE_ENV: "development",
        APP_URL: "http://localhost:3000",
        STRIPE_API_URL: "http://127.0.0.1:12111",
      },
      "n",
    );
    expect(policy).toContain("'unsafe-eval'");
    expect(policy).toContain("form-action 'self' http://127.0.0.1:12111");
    expect(policy).not.toContain("upgrade-insecure-requests");
  });
});
