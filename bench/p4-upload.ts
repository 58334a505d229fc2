// P4: an admin upload through the publishing API over HTTP, the way `npm run downlink -- upload`
// sends it: the app creates the multipart upload and signs part URLs, the bytes go straight
// to the bucket (4 parts at a time), the app records each part and, on completion, streams the
// object once to record its SHA-256. Baseline: one PutObject of the same bytes to the same
// server from the same process. The app's memory is sampled throughout. Then the server's
// verification alone, against `sha256sum` over the same object (see verifyBeside).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { Env } from "../lib/env-schema";
import type { ApiRelease, CompletedFile, PartUrl, StartedUpload } from "../lib/publishing/api-types";
import { uploadParts } from "../lib/browser/multipart-client";
import type { PrismaClient } from "../lib/prisma";
import { digestObject, storeCheckedParts } from "../lib/publishing/object-digest";
import { createApiClient } from "../scripts/cli/api-client";
import { watch, type AppProcess } from "./app";
import { createApiToken, patternBytes, patternChunks } from "./fixtures";

export async function benchUpload(
  app: AppProcess,
  prisma: PrismaClient,
  s3: S3Client,
  config: Env,
  options: { tag: string; size: number },
) {
  const slug = `bench-${options.tag}-upload`;
  await prisma.product.create({
    data: { slug, name: "Bench upload", tiers: { create: { name: "Standard", priceCents: 1900 } } },
  });
  const api = createApiClient({ baseUrl: app.url, token: await createApiToken(prisma, options.tag) });
  const expectedSha256 = createHash("sha256");
  for (const chunk of patternChunks(options.size)) expectedSha256.update(chunk);

  const key = `bench/${options.tag}/upload/put.bin`;
  const put = await watch(app.pid, () =>
    s3.send(
      new PutObjectCommand({
        Bucket: config.S3_BUCKET,
        Key: key,
        Body: Readable.from(patternChunks(options.size)),
        ContentLength: options.size,
      }),
    ),
  );
  await s3.send(new DeleteObjectCommand({ Bucket: config.S3_BUCKET, Key: key }));

  const release = await api.post<ApiRelease>("/releases", {
    product: slug,
    version: "1.0.0",
    channel: "stable",
  });
  const started = await api.post<StartedUpload>(`/releases/${release.id}/files`, {
    platform: "Linux",
    filename: "bench-1.0.0-linux-x64.tar.gz",
    sizeBytes: options.size,
  });
  const transfer = await watch(app.pid, () =>
    uploadParts({
      source: { size: options.size, slice: (start, end) => patternBytes(start, end) },
      partSize: started.partSize,
      partCount: started.partCount,
      completedParts: [],
      getPartUrls: async (partNumbers) =>
        (await api.post<{ parts: PartUrl[] }>(`/files/${started.fileId}/parts`, { partNumbers })).parts,
      onPartDone: async (part) => {
        await api.put(`/files/${started.fileId}/parts/${part.partNumber}`, {
          etag: part.etag,
          size: part.size,
        });
      },
    }),
  );
  const complete = await watch(app.pid, () => api.post<CompletedFile>(`/files/${started.fileId}/complete`));
  if (complete.result.sha256 !== expectedSha256.digest("hex") || complete.result.sizeBytes !== options.size) {
    throw new Error("P4: the stored object differs from the uploaded bytes");
  }
  const mbps = (seconds: number) => options.size / 1e6 / seconds;
  const verification = await verifyBeside(prisma, s3, config, started.fileId, started.partSize);
  return {
    bytes: options.size,
    parts: started.partCount,
    partSize: started.partSize,
    putObject: { seconds: put.seconds, megabytesPerSecond: mbps(put.seconds) },
    multipart: {
      seconds: transfer.seconds,
      megabytesPerSecond: mbps(transfer.seconds),
      appCpuSeconds: transfer.cpuSeconds,
      appRssBefore: transfer.rss.before,
      appRssGrew: transfer.rss.grew,
    },
    completion: {
      seconds: complete.seconds,
      megabytesPerSecond: mbps(complete.seconds),
      appCpuSeconds: complete.cpuSeconds,
      appRssGrew: complete.rss.grew,
    },
    verification: {
      read: { seconds: verification.read, megabytesPerSecond: mbps(verification.read) },
      sha256sum: { seconds: verification.sha256sum, megabytesPerSecond: mbps(verification.sha256sum) },
      server: {
        seconds: verification.server,
        megabytesPerSecond: mbps(verification.server),
        partMd5s: verification.partMd5s,
      },
      ratio: verification.sha256sum / verification.server,
    },
    speedRatio: mbps(transfer.seconds) / mbps(put.seconds),
  };
}

// The server's verification (the code completeUpload runs: one streamed GET, SHA-256, SHA-512 and,
// on a store that skips S3's part checks like the local one, each part's MD5) against reading
// the same object and hashing it with sha256sum, and against reading it alone, each from this
// process, interleaved twice and the faster of each kept.
async function verifyBeside(
  prisma: PrismaClient,
  s3: S3Client,
  config: Env,
  fileId: string,
  partSize: number,
) {
  const { objectKey } = await prisma.releaseFile.findUniqueOrThrow({ where: { id: fileId } });
  const get = () => s3.send(new GetObjectCommand({ Bucket: config.S3_BUCKET, Key: objectKey }));
  const timed = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return (performance.now() - started) / 1000;
  };
  const runs = { read: Infinity, sha256sum: Infinity, server: Infinity };
  let partMd5s = false;
  for (let round = 0; round < 2; round++) {
    runs.read = Math.min(
      runs.read,
      await timed(async () => {
        for await (const chunk of (await get()).Body as Readable) void chunk;
      }),
    );
    runs.sha256sum = Math.min(
      runs.sha256sum,
      await timed(async () => {
        const child = spawn("sha256sum", [], { stdio: ["pipe", "ignore", "inherit"] });
        const exited = new Promise((resolve) => child.on("exit", resolve));
        await pipeline((await get()).Body as Readable, child.stdin);
        await exited;
      }),
    );
    runs.server = Math.min(
      runs.server,
      await timed(async () => {
        const object = await get();
        partMd5s = !storeCheckedParts(object.ETag ?? "");
        // What a release file gets: SHA-256 and SHA-512 (electron-updater's) in the one read.
        await digestObject(object.Body as Readable, { partSize: partMd5s ? partSize : null, sha512: true });
      }),
    );
  }
  return { ...runs, partMd5s };
}
