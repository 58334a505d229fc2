import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  CreateBucketCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutBucketCorsCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { embeddedS3 } from "../../lib/embedded-defaults";
import { spawnService, type Service } from "./process";
import { makeS3Client } from "./s3-client";

export type S3Options = {
  port: number;
  dataDir: string;
  bucket: string;
  corsOrigins: string[];
  verbose?: boolean;
  timeoutMs?: number;
};

export async function startS3({
  port,
  dataDir,
  bucket,
  corsOrigins,
  verbose,
  timeoutMs,
}: S3Options): Promise<Service> {
  const directory = path.resolve(dataDir, "s3");
  mkdirSync(directory, { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  const client = makeS3Client({ ...embeddedS3, endpoint: url }, { maxAttempts: 1 });
  const service = await spawnService({
    name: "s3",
    url,
    command: process.execPath,
    args: [
      fileURLToPath(new URL("./s3rver-main.mjs", import.meta.url)),
      `--directory=${directory}`,
      `--port=${port}`,
    ].concat(verbose ? ["--verbose"] : []),
    ports: [port],
    dataDir: directory,
    verbose,
    timeoutMs,
    ready: async () => {
      await client.send(new ListBucketsCommand({}), { abortSignal: AbortSignal.timeout(2000) });
      return true;
    },
  });
  try {
    await ensureBucket(client, bucket, corsOrigins);
  } catch (err) {
    await service.stop();
    // An install run without scripts leaves s3rver unpatched, and every bucket-level call is refused.
    const hint =
      (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 403
        ? " (403: is patches/@20minutes+s3rver+5.0.0.patch applied? run `npx patch-package`)"
        : "";
    throw new Error(`s3: could not set up bucket "${bucket}": ${(err as Error).message}${hint}`, {
      cause: err,
    });
  } finally {
    client.destroy();
  }
  return service;
}

async function ensureBucket(client: S3Client, bucket: string, origins: string[]) {
  const exists = await client.send(new HeadBucketCommand({ Bucket: bucket })).then(
    () => true,
    (err) => (err?.$metadata?.httpStatusCode === 404 ? false : Promise.reject(err)),
  );
  if (!exists) await client.send(new CreateBucketCommand({ Bucket: bucket }));
  if (origins.length === 0) return;
  // Browsers upload parts straight to the bucket and must read each part's ETag to complete it.
  await client.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: origins,
            AllowedMethods: ["GET", "PUT", "HEAD"],
            AllowedHeaders: ["*"],
            ExposeHeaders: ["ETag"],
            MaxAgeSeconds: 3600,
          },
        ],
      },
    }),
  );
}
