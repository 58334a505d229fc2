// A 200 MiB build through the whole path — parts to the bucket, completion, the streamed
// SHA-256 — while watching this process's memory: the bytes must never be held as a whole.
// Prints the upload speed next to a plain PutObject of the same bytes for comparison.
import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, expect, it } from "vitest";
import { completeUpload } from "../lib/publishing/uploads";
import { config, prisma, s3, unique } from "./support/fixtures";
import { createRelease, patternSource, sendParts, startUpload, userActor } from "./support/upload-fixtures";

afterAll(() => prisma.$disconnect());

const MB = 1_000_000;
const MIB = 1024 * 1024;

// The highest RSS seen while `work` runs, sampled every 20 ms.
async function peakRss<T>(work: () => Promise<T>) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, before, peak, grew: peak - before, seconds: (performance.now() - started) / 1000 };
  } finally {
    clearInterval(sampler);
  }
}

const mb = (bytes: number) => Math.round(bytes / MB);

it("uploads and verifies a 200 MiB file with memory to spare", { timeout: 300_000 }, async () => {
  const size = 200 * MIB + 4_321;
  const source = patternSource(size);
  const expectedSha256 = source.sha256();
  const { release } = await createRelease();
  const actor = await userActor();
  const started = await startUpload(
    { releaseId: release.id, platform: "Linux", filename: "big-1.0.0.tar.gz", sizeBytes: size },
    actor,
  );
  expect(started).toMatchObject({ partSize: 8 * MIB, partCount: 26 });

  const baseline = process.memoryUsage().rss;
  const upload = await peakRss(() => sendParts(started, { source }));
  const complete = await peakRss(() => completeUpload(started.fileId, actor));
  const key = `bench/${unique("put")}`;
  const put = await peakRss(() =>
    s3.send(
      new PutObjectCommand({
        Bucket: config.S3_BUCKET,
        Key: key,
        Body: source.stream(),
        ContentLength: size,
      }),
    ),
  );
  await s3.send(new DeleteObjectCommand({ Bucket: config.S3_BUCKET, Key: key }));

  console.log(
    `200 MiB upload: multipart client ${(size / MB / upload.seconds).toFixed(1)} MB/s (${upload.seconds.toFixed(2)} s, 4 parts at a time), ` +
      `PutObject ${(size / MB / put.seconds).toFixed(1)} MB/s (${put.seconds.toFixed(2)} s), ` +
      `completeUpload ${complete.seconds.toFixed(2)} s (${(size / MB / complete.seconds).toFixed(1)} MB/s hashed); ` +
      `RSS baseline ${mb(baseline)} MB, upload peak +${mb(upload.grew)} MB, completion peak +${mb(complete.grew)} MB ` +
      `(from ${mb(complete.before)} to ${mb(complete.peak)} MB), PutObject peak +${mb(put.grew)} MB, end ${mb(process.memoryUsage().rss)} MB`,
  );
  expect(complete.result).toEqual({ fileId: started.fileId, sizeBytes: size, sha256: expectedSha256 });
  // Completion reads the object as a stream: its memory does not depend on the file's size.
  expect(complete.grew).toBeLessThan(100 * MB);
  // The client holds only the parts in flight (4 × 8 MiB, each also copied by fetch, plus
  // garbage not yet collected: about 140 MB here), never the whole file.
  expect(upload.peak - baseline).toBeLessThan(size);
});
