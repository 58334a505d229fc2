// Multipart uploads end to end: real PostgreSQL, the real local S3 server over HTTP, and the
// same multipart client the admin page and the CLI use.
import { createHash, randomBytes } from "node:crypto";
import { GetObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, describe, expect, it } from "vitest";
import type { Actor } from "../lib/publishing/contract";
import type { UploadProgress } from "../lib/browser/multipart-client";
import {
  abortUpload,
  cleanupAbandonedUploads,
  completeUpload,
  getUpload,
  presignParts,
  recordPart,
} from "../lib/publishing/uploads";
import { config, prisma, s3 } from "./support/fixtures";
import {
  bufferSource,
  createRelease,
  rejection,
  sendParts,
  startUpload,
  uploadRowCounts,
  userActor,
} from "./support/upload-fixtures";

afterAll(() => prisma.$disconnect());

const MIB = 1024 * 1024;
const TIB = 1024 ** 4;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function objectExists(objectKey: string) {
  return s3.send(new HeadObjectCommand({ Bucket: config.S3_BUCKET, Key: objectKey })).then(
    () => true,
    () => false,
  );
}

async function fileFor(fileId: string) {
  return prisma.releaseFile.findUnique({
    where: { id: fileId },
    include: { upload: { include: { parts: { orderBy: { partNumber: "asc" } } } } },
  });
}

async function newUpload(bytes: Buffer, overrides: Partial<Parameters<typeof startUpload>[0]> = {}) {
  const { product, release } = await createRelease();
  const actor = await userActor();
  const input = {
    releaseId: release.id,
    platform: "Linux",
    filename: "tool-1.0.0.zip",
    sizeBytes: bytes.length,
    ...overrides,
  };
  return { product, release, actor, input, started: await startUpload(input, actor) };
}

describe("multipart uploads", () => {
  it("sends a file in parts to the bucket and records the SHA-256 and size the bucket holds", async () => {
    const bytes = randomBytes(20 * MIB + 12_345);
    const { product, actor, started } = await newUpload(bytes);
    expect(started).toMatchObject({ partSize: 8 * MIB, partCount: 3, completedParts: [] });

    const progress: UploadProgress[] = [];
    await sendParts(started, { source: bufferSource(bytes), onProgress: (update) => progress.push(update) });
    expect(progress.at(-1)).toMatchObject({
      uploadedBytes: bytes.length,
      totalBytes: bytes.length,
      secondsLeft: 0,
    });

    const completed = await completeUpload(started.fileId, actor);
    expect(completed).toEqual({ fileId: started.fileId, sizeBytes: bytes.length, sha256: sha256(bytes) });
    const file = await fileFor(started.fileId);
    expect(file).toMatchObject({
      status: "ready",
      sha256: sha256(bytes),
      sizeBytes: BigInt(bytes.length),
      contentType: "application/zip",
    });
    expect(file!.upload!.status).toBe("completed");
    expect(file!.objectKey).toMatch(
      new RegExp(`^products/${product.slug}/1\\.0\\.0/[0-9a-f]{16}/tool-1\\.0\\.0\\.zip$`),
    );
    expect(file!.upload!.parts.map((part) => [part.partNumber, part.size])).toEqual([
      [1, 8 * MIB],
      [2, 8 * MIB],
      [3, 4 * MIB + 12_345],
    ]);
    for (const part of file!.upload!.parts) expect(part.etag).toMatch(/^"[0-9a-f]{32}"$/); // quotes kept, as S3 answers

    const stored = await s3.send(new GetObjectCommand({ Bucket: config.S3_BUCKET, Key: file!.objectKey }));
    expect(stored.ContentType).toBe("application/zip");
    expect(sha256(await stored.Body!.transformToByteArray())).toBe(sha256(bytes));

    const audits = await prisma.auditLog.findMany({
      where: { targetId: started.fileId },
      orderBy: { createdAt: "asc" },
    });
    expect(audits.map((row) => [row.action, row.actorEmail])).toEqual([
      ["upload.start", actor.email],
      ["upload.complete", actor.email],
    ]);
    // Completing again answers the stored result and writes nothing.
    expect(await completeUpload(started.fileId, actor)).toEqual(completed);
    expect(await prisma.auditLog.count({ where: { targetId: started.fileId } })).toBe(2);
    expect((await rejection(presignParts(started.fileId, [1], actor))).status).toBe(409);
  });

  it("resumes after an interruption: starting the same file again returns the recorded parts", async () => {
    const bytes = randomBytes(30 * MIB);
    const { actor, input, started } = await newUpload(bytes);
    const pause = new AbortController();
    const first = sendParts(started, {
      source: bufferSource(bytes),
      concurrency: 1,
      signal: pause.signal,
      onPartDone: async (part) => {
        await recordPart(started.fileId, part, actor);
        if (part.partNumber === 2) pause.abort();
      },
    });
    await expect(first).rejects.toMatchObject({ name: "AbortError" });

    const resumed = await startUpload(input, actor);
    expect(resumed.fileId).toBe(started.fileId);
    expect(resumed.completedParts.map((part) => part.partNumber)).toEqual([1, 2]);
    expect(resumed.completedParts[0]).toMatchObject({ size: 8 * MIB, etag: expect.stringMatching(/^".+"$/) });
    expect(await getUpload(started.fileId, actor)).toEqual(resumed);

    const requested = await sendParts(resumed, { source: bufferSource(bytes) });
    expect(requested.sort()).toEqual([3, 4]);
    expect((await completeUpload(started.fileId, actor)).sha256).toBe(sha256(bytes));
    expect(await prisma.releaseFile.count({ where: { releaseId: input.releaseId } })).toBe(1);
  });

  it("refuses to complete while parts are missing, and completes once they are sent", async () => {
    const bytes = randomBytes(17 * MIB);
    const { actor, started } = await newUpload(bytes);
    await sendParts(
      { ...started, completedParts: [{ partNumber: 2, etag: "-", size: 8 * MIB }] },
      { source: bufferSource(bytes) },
    );
    const error = await rejection(completeUpload(started.fileId, actor));
    expect(error.status).toBe(409);
    expect(error.message).toBe("Part 2 of 3 is not uploaded yet; upload it and complete again.");
    expect(await fileFor(started.fileId)).toMatchObject({
      status: "pending",
      sha256: null,
      upload: { status: "uploading" },
    });

    await sendParts(
      { ...started, completedParts: [1, 3].map((partNumber) => ({ partNumber, etag: "-", size: 0 })) },
      { source: bufferSource(bytes) },
    );
    expect((await completeUpload(started.fileId, actor)).sha256).toBe(sha256(bytes));
  });

  it("fails the upload when a recorded ETag does not match the stored part, and marks nothing ready", async () => {
    const bytes = randomBytes(17 * MIB);
    const { actor, started } = await newUpload(bytes);
    await sendParts(started, { source: bufferSource(bytes) });
    await recordPart(started.fileId, { partNumber: 2, etag: `"${"0".repeat(32)}"`, size: 8 * MIB }, actor);
    const objectKey = (await fileFor(started.fileId))!.objectKey;

    const error = await rejection(completeUpload(started.fileId, actor));
    expect(error.status).toBe(409);
    expect(error.message).toMatch(
      /^The upload of tool-1\.0\.0\.zip failed: part 2's recorded ETag "0{32}" does not match the bytes stored for it\. Start the upload again\.$/,
    );
    expect(await fileFor(started.fileId)).toBeNull();
    expect(await objectExists(objectKey)).toBe(false);
    expect(
      await prisma.auditLog.findFirst({ where: { targetId: started.fileId, action: "upload.fail" } }),
    ).toBeTruthy();
  });

  it("fails the upload when the bucket holds another size than announced", async () => {
    const bytes = randomBytes(9 * MIB);
    const { actor, started } = await newUpload(bytes);
    await sendParts(
      { ...started, completedParts: [{ partNumber: 2, etag: "-", size: 0 }] },
      { source: bufferSource(bytes) },
    );
    // The last part's bytes are cut short, but recorded with the size the client promised.
    const [{ url }] = await presignParts(started.fileId, [2], actor);
    const put = await fetch(url, { method: "PUT", body: new Blob([bytes.subarray(8 * MIB, 8 * MIB + 10)]) });
    await recordPart(started.fileId, { partNumber: 2, etag: put.headers.get("etag")!, size: MIB }, actor);
    const objectKey = (await fileFor(started.fileId))!.objectKey;

    const error = await rejection(completeUpload(started.fileId, actor));
    expect(error.status).toBe(409);
    expect(error.message).toContain(`the bucket holds ${8 * MIB + 10} bytes but ${9 * MIB} were announced`);
    expect(await fileFor(started.fileId)).toBeNull();
    expect(await objectExists(objectKey)).toBe(false);
  });

  // Malformed requests are refused by the admin action and the API before this service runs
  // (tests/bad-input-uploads.test.ts); what the service refuses is what only the database knows.
  it("refuses an unknown or a yanked release with a clear status and writes nothing", async () => {
    const { release: yanked } = await createRelease("yanked");
    const actor = await userActor();
    const good = { platform: "Windows", filename: "setup.exe", sizeBytes: 1_000 };
    const cases: [string, string, number, RegExp][] = [
      ["an unknown release", "c0ffee0000000000000000000", 404, /no such release/],
      ["a yanked release", yanked.id, 409, /was yanked \(broken installer\)/],
    ];
    const before = await uploadRowCounts();
    for (const [label, releaseId, status, message] of cases) {
      const error = await rejection(startUpload({ ...good, releaseId }, actor));
      expect(error.status, label).toBe(status);
      expect(error.message, label).toMatch(message);
    }
    expect(await uploadRowCounts()).toEqual(before);
  });

  it("plans 5 TiB in at most 10,000 parts and types files by extension", async () => {
    const { release } = await createRelease();
    const actor = await userActor();
    const huge = await startUpload(
      { releaseId: release.id, platform: "Linux", filename: "disk.img", sizeBytes: 5 * TIB },
      actor,
    );
    expect(huge).toMatchObject({ partSize: 525 * MIB, partCount: 9_987 });
    expect(await fileFor(huge.fileId)).toMatchObject({
      contentType: "application/octet-stream",
      sizeBytes: BigInt(5 * TIB),
    });
    const dmg = await startUpload(
      { releaseId: release.id, platform: "macOS", filename: "Tool.dmg", sizeBytes: 10 },
      actor,
    );
    expect(await fileFor(dmg.fileId)).toMatchObject({ contentType: "application/x-apple-diskimage" });
  });

  it("gives concurrent starts of the same file one upload", async () => {
    const { release } = await createRelease();
    const actor = await userActor();
    const input = { releaseId: release.id, platform: "Linux", filename: "twice.zip", sizeBytes: 20 * MIB };
    const starts = await Promise.all([1, 2, 3].map(() => startUpload(input, actor)));
    expect(new Set(starts.map((upload) => upload.fileId)).size).toBe(1);
    expect(await prisma.releaseFile.count({ where: { releaseId: release.id } })).toBe(1);
  });

  it("checks part numbers and sizes", async () => {
    const bytes = randomBytes(9 * MIB);
    const { actor, started } = await newUpload(bytes);
    const urls = await presignParts(started.fileId, [2, 1, 2], actor);
    expect(urls.map((part) => part.partNumber)).toEqual([2, 1]);
    expect(new URL(urls[0].url).searchParams.get("X-Amz-Expires")).toBe("3600");
    for (const numbers of [[], [0], [3], [1.5], Array.from({ length: 101 }, () => 1)]) {
      expect(
        (await rejection(presignParts(started.fileId, numbers, actor))).status,
        JSON.stringify(numbers),
      ).toBe(400);
    }
    expect(
      (await rejection(recordPart(started.fileId, { partNumber: 1, etag: '"a"', size: MIB }, actor))).message,
    ).toBe(`Part 1 must be ${8 * MIB} bytes; got ${MIB}.`);
    expect(
      (await rejection(recordPart(started.fileId, { partNumber: 2, etag: "", size: MIB }, actor))).status,
    ).toBe(400);
    expect((await rejection(presignParts("nosuchfile", [1], actor))).status).toBe(404);
    expect(await prisma.uploadPart.count({ where: { upload: { fileId: started.fileId } } })).toBe(0);
  });

  it("refuses a second file under a name that is ready, or uploading with another size", async () => {
    const bytes = randomBytes(1_000);
    const { actor, input, started } = await newUpload(bytes);
    const other = await rejection(startUpload({ ...input, platform: "linux", sizeBytes: 999 }, actor));
    expect(other.status).toBe(409);
    expect(other.message).toContain(`abort it (file ${started.fileId})`);
    await sendParts(started, { source: bufferSource(bytes) });
    await completeUpload(started.fileId, actor);
    const again = await rejection(startUpload(input, actor));
    expect(again.message).toBe(
      "This release already has tool-1.0.0.zip for Linux; upload a new build under another name or into a new release.",
    );
    expect(await startUpload({ ...input, platform: "macOS" }, actor)).toMatchObject({ completedParts: [] });
  });

  it("aborts an upload: the pending file, its upload and its parts are gone", async () => {
    const bytes = randomBytes(9 * MIB);
    const { actor, started } = await newUpload(bytes);
    await sendParts(
      { ...started, completedParts: [{ partNumber: 2, etag: "-", size: 0 }] },
      { source: bufferSource(bytes) },
    );
    await abortUpload(started.fileId, actor);
    expect(await fileFor(started.fileId)).toBeNull();
    expect(await prisma.upload.count({ where: { fileId: started.fileId } })).toBe(0);
    expect(await getUpload(started.fileId, actor)).toBeNull();
    expect(
      await prisma.auditLog.findFirst({ where: { targetId: started.fileId, action: "upload.abort" } }),
    ).toMatchObject({ data: { partsUploaded: 1 } });
    expect((await rejection(abortUpload(started.fileId, actor))).status).toBe(404);
  });

  it("cleans up uploads nobody touched since a cut-off", async () => {
    const { actor, started: stale } = await newUpload(Buffer.alloc(10));
    const { started: fresh } = await newUpload(Buffer.alloc(10));
    await prisma.upload.update({
      where: { fileId: stale.fileId },
      data: { updatedAt: new Date(Date.now() - 3 * 86_400_000) },
    });
    expect(await cleanupAbandonedUploads(new Date(Date.now() - 86_400_000))).toBeGreaterThanOrEqual(1);
    expect(await fileFor(stale.fileId)).toBeNull();
    expect(await fileFor(fresh.fileId)).not.toBeNull();
    expect(
      await prisma.auditLog.findFirst({ where: { targetId: stale.fileId, action: "upload.cleanup" } }),
    ).toMatchObject({ actorEmail: "system" });
    expect((await rejection(completeUpload(stale.fileId, actor))).status).toBe(404);
  });

  it("audits a token by name, with its id in the data", async () => {
    const { release } = await createRelease();
    const token: Actor = { kind: "token", id: "tok_123", name: "ci-release", scope: "publish" };
    const started = await startUpload(
      { releaseId: release.id, platform: "Linux", filename: "t.tar.gz", sizeBytes: 5 },
      token,
    );
    const audit = await prisma.auditLog.findFirst({
      where: { targetId: started.fileId, action: "upload.start" },
    });
    expect(audit).toMatchObject({
      actorId: null,
      actorEmail: "token:ci-release",
      targetType: "ReleaseFile",
      data: { tokenId: "tok_123", filename: "t.tar.gz" },
    });
    expect(await fileFor(started.fileId)).toMatchObject({ contentType: "application/gzip" });
  });
});
