// P4: an admin upload through the publishing API over HTTP, the way `npm run downlink -- upload`
// sends it: the app creates the multipart upload and signs part URLs, the bytes go straight
// to the bucket (4 parts at a time), the app records each part and, on completion, streams the
// object once to record its SHA-256. Baseline: one PutObject of the same bytes to the same
// server from the same process. The app's memory is sampled throughout.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { Env } from "../lib/env-schema";
import type { ApiRelease, CompletedFile, PartUrl, StartedUpload } from "../lib/publishing/api-types";
import { uploadParts } from "../lib/browser/multipart-client";
import type { PrismaClient } from "../lib/prisma";
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
    speedRatio: mbps(transfer.seconds) / mbps(put.seconds),
  };
}
