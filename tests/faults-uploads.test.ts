// Multipart uploads across S3 server crashes: the app talks to an S3 server of this file's own
// through a TCP relay, so the test can kill the server (SIGKILL) between parts or while a part's
// bytes are on the wire, start it again on the same port and data, and check what the bucket
// finally holds against the bytes sent.
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { embeddedS3 } from "../lib/embedded-defaults";
import { env } from "../lib/env";
import type { Actor, StartedUpload } from "../lib/publishing/contract";
import { uploadParts } from "../lib/browser/multipart-client";
import * as firstProcess from "../lib/publishing/uploads";
import { freePort, type Service } from "../scripts/embedded/process";
import { startS3 } from "../scripts/embedded/s3";
import { makeS3Client } from "../scripts/embedded/s3-client";
import { startUploadInput } from "../lib/schemas/uploads";
import { config, prisma } from "./support/fixtures";
import { crashServer, faultEvidence, startRelay, waitFor } from "./support/faults";
import { bufferSource, createRelease, PUBLISH_TOKEN, userActor } from "./support/upload-fixtures";

type Publishing = typeof firstProcess;

const MIB = 1024 * 1024;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const evidence = faultEvidence("Uploads across S3 server crashes");

let dataDir: string;
let s3Port: number;
let server: Service | undefined;
let relay: Awaited<ReturnType<typeof startRelay>>;

const startBucket = async () => {
  server = await startS3({ port: s3Port, dataDir, bucket: config.S3_BUCKET, corsOrigins: [] });
};
async function restartBucket() {
  const pid = await crashServer(path.join(dataDir, "s3"), s3Port);
  await startBucket();
  return pid;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "downlink-faults-upload-"));
  s3Port = await freePort();
  await startBucket();
  relay = await startRelay(s3Port);
  vi.stubEnv("S3_ENDPOINT", relay.url);
  expect(env().S3_ENDPOINT).toBe(relay.url); // read fresh, not cached before
});

afterAll(async () => {
  evidence.write();
  await relay?.stop();
  await server?.stop();
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
  await prisma.$disconnect();
});

// What a restarted app instance has: new modules, a new database client, a new S3 client.
async function restartedApp(): Promise<Publishing> {
  const global = globalThis as { prisma?: { $disconnect(): Promise<void> } };
  await global.prisma?.$disconnect();
  delete global.prisma;
  vi.resetModules();
  return import("../lib/publishing/uploads");
}

// The admin page's and the CLI's client loop, wired to one app instance; returns the part
// numbers it asked URLs for (a retried part asks again for a freshly signed one).
async function send(
  app: Publishing,
  upload: StartedUpload,
  bytes: Buffer,
  options: { signal?: AbortSignal; afterPart?: (partNumber: number) => void; retries?: number } = {},
) {
  const requested: number[] = [];
  await uploadParts({
    source: bufferSource(bytes),
    partSize: upload.partSize,
    partCount: upload.partCount,
    completedParts: upload.completedParts.map((part) => part.partNumber),
    concurrency: 1,
    retries: options.retries ?? 3,
    retryDelayMs: 300,
    signal: options.signal,
    getPartUrls: (numbers) => {
      requested.push(...numbers);
      return app.presignParts(upload.fileId, numbers, PUBLISH_TOKEN);
    },
    onPartDone: async (part) => {
      await app.recordPart(upload.fileId, part, PUBLISH_TOKEN);
      options.afterPart?.(part.partNumber);
    },
  });
  return requested;
}

async function storedSha256(objectKey: string) {
  const direct = makeS3Client({ ...embeddedS3, endpoint: `http://127.0.0.1:${s3Port}` });
  try {
    const object = await direct.send(new GetObjectCommand({ Bucket: config.S3_BUCKET, Key: objectKey }));
    return sha256(await object.Body!.transformToByteArray());
  } finally {
    direct.destroy();
  }
}

async function newUpload(app: Publishing, sizeBytes: number) {
  const { release } = await createRelease();
  const actor: Actor = await userActor();
  // Parsed as the admin action and the API parse it; the service takes what the schema gives.
  const input = startUploadInput.parse({
    releaseId: release.id,
    platform: "Linux",
    filename: "tool-2.0.0.tar.gz",
    sizeBytes,
  });
  return { actor, input, started: await app.startUpload(input, actor) };
}

describe("uploads across S3 server crashes", () => {
  it("resumes from the part ETags in PostgreSQL after the S3 server and the app restart, and completes with the right SHA-256", async () => {
    const bytes = randomBytes(30 * MIB);
    const before = firstProcess;
    const { actor, input, started } = await newUpload(before, bytes.length);
    const pause = new AbortController();
    const interrupted = await send(before, started, bytes, {
      signal: pause.signal,
      afterPart: (n) => n === 2 && pause.abort(),
    }).then(
      () => "finished",
      (error: Error) => error.name,
    );
    const pid = await restartBucket();

    const app = await restartedApp();
    const resumed = await app.startUpload(input, actor);
    const sent = await send(app, resumed, bytes);
    const completed = await app.completeUpload(resumed.fileId, actor);
    const file = await prisma.releaseFile.findUniqueOrThrow({ where: { id: started.fileId } });
    const stored = await storedSha256(file.objectKey);

    const ok =
      interrupted === "AbortError" &&
      resumed.fileId === started.fileId &&
      resumed.completedParts.map((part) => part.partNumber).join() === "1,2" &&
      sent.join() === "3,4" &&
      completed.sha256 === sha256(bytes) &&
      stored === sha256(bytes) &&
      file.status === "ready";
    evidence.row(
      `S3 server killed (SIGKILL, pid ${pid}) and restarted after 2 of ${started.partCount} parts; the app's modules, database client and S3 client discarded`,
      `the same file resumed with parts [${resumed.completedParts.map((part) => part.partNumber).join(", ")}] from PostgreSQL; sent parts [${sent.join(", ")}]; completed, SHA-256 ${completed.sha256 === sha256(bytes) ? "matches" : "differs"}, the bucket's object ${stored === sha256(bytes) ? "matches" : "differs"}`,
      "resume sends only the missing parts; the completed object's SHA-256 equals the source's",
      ok,
    );
    expect(interrupted).toBe("AbortError");
    expect(resumed.fileId).toBe(started.fileId);
    expect(resumed.completedParts.map((part) => part.partNumber)).toEqual([1, 2]);
    expect(sent).toEqual([3, 4]);
    expect(completed).toEqual({ fileId: started.fileId, sizeBytes: bytes.length, sha256: sha256(bytes) });
    expect(stored).toBe(sha256(bytes));
    expect(file.status).toBe("ready");
  });

  it("retries a part whose bytes were cut off by an S3 server crash, and completes with the right SHA-256", async () => {
    const app = await restartedApp();
    const bytes = randomBytes(20 * MIB);
    const { actor, started } = await newUpload(app, bytes.length);
    let restart: Promise<number> | undefined;
    // A part is 8 MiB; the server dies once 3 MiB of one request have passed the relay.
    relay.cutAfter(3 * MIB, () => {
      restart = restartBucket();
    });
    const sent = await send(app, started, bytes, { retries: 8 });
    await waitFor(() => restart !== undefined, "the crash to happen");
    const pid = await restart!;
    const completed = await app.completeUpload(started.fileId, actor);
    const file = await prisma.releaseFile.findUniqueOrThrow({
      where: { id: started.fileId },
      include: { upload: { include: { parts: true } } },
    });
    const stored = await storedSha256(file.objectKey);

    const resent = sent.filter((number, index) => sent.indexOf(number) !== index);
    const ok =
      resent.length > 0 &&
      file.upload!.parts.length === 3 &&
      completed.sha256 === sha256(bytes) &&
      stored === sha256(bytes);
    evidence.row(
      `S3 server killed (SIGKILL, pid ${pid}) after 3 MiB of an 8 MiB part had arrived, then restarted`,
      `part${new Set(resent).size === 1 ? "" : "s"} ${[...new Set(resent)].join(", ")} retried with a fresh URL (${resent.length} retr${resent.length === 1 ? "y" : "ies"}); ${file.upload!.parts.length} parts recorded; completed, SHA-256 ${completed.sha256 === sha256(bytes) ? "matches" : "differs"}, the bucket's object ${stored === sha256(bytes) ? "matches" : "differs"}`,
      "the cut part is sent again once the server answers; the completed object's SHA-256 equals the source's",
      ok,
    );
    expect(resent.length).toBeGreaterThan(0);
    expect(file.upload!.parts.map((part) => part.partNumber).sort()).toEqual([1, 2, 3]);
    expect(completed.sha256).toBe(sha256(bytes));
    expect(stored).toBe(sha256(bytes));
  });
});
