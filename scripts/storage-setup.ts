// `npm run storage:setup`: prepares the bucket named by S3_BUCKET for Downlink — private,
// browser uploads from APP_URL allowed (exposing ETag), abandoned multipart uploads aborted
// after 7 days — and prints the least-privilege policy for the app's credentials. Servers that
// lack one of these calls (the embedded one, some S3-compatible stores) are reported, not fatal.
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketCorsCommand,
  PutBucketLifecycleConfigurationCommand,
  PutPublicAccessBlockCommand,
} from "@aws-sdk/client-s3";
import { parseEnv } from "../lib/env-schema";
import { createS3Client } from "../lib/storage/client";

const config = parseEnv(process.env);
const s3 = createS3Client(config);
const Bucket = config.S3_BUCKET;

async function step(name: string, run: () => Promise<unknown>) {
  try {
    await run();
    console.log(`✓ ${name}`);
  } catch (error) {
    const { name: code, message } = error as Error;
    console.log(`– ${name}: skipped (${code}: ${message.split("\n")[0]})`);
  }
}

const exists = await s3.send(new HeadBucketCommand({ Bucket })).then(
  () => true,
  () => false,
);
if (!exists) await step(`create bucket ${Bucket}`, () => s3.send(new CreateBucketCommand({ Bucket })));
await step("block all public access", () =>
  s3.send(
    new PutPublicAccessBlockCommand({
      Bucket,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    }),
  ),
);
await step(`CORS: PUT/GET from ${config.APP_URL}, ETag exposed`, () =>
  s3.send(
    new PutBucketCorsCommand({
      Bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: [config.APP_URL],
            AllowedMethods: ["PUT", "GET", "HEAD"],
            AllowedHeaders: ["*"],
            ExposeHeaders: ["ETag"],
            MaxAgeSeconds: 3600,
          },
        ],
      },
    }),
  ),
);
await step("lifecycle: abort incomplete multipart uploads after 7 days", () =>
  s3.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket,
      LifecycleConfiguration: {
        Rules: [
          {
            ID: "downlink-abort-incomplete-uploads",
            Status: "Enabled",
            Filter: { Prefix: "" },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          },
        ],
      },
    }),
  ),
);

const policy = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:DeleteObject"],
      Resource: `arn:aws:s3:::${Bucket}/*`,
    },
  ],
};
console.log(`\nLeast-privilege policy for the app's credentials:\n${JSON.stringify(policy, null, 2)}`);
