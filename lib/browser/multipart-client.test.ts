// The uploader against a small local HTTP server standing in for the bucket, so failures,
// retries and pauses can be staged exactly. tests/publishing-uploads.test.ts runs it against
// the real local S3 server.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UploadedPart } from "../publishing/contract";
import { uploadParts, type UploadPartsOptions, type UploadProgress } from "./multipart-client";

type Answer = { status: number; etag?: string | null };
let respond: (partNumber: number, body: Buffer, request: IncomingMessage) => Answer | Promise<Answer>;
let received: { partNumber: number; bytes: number }[];
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const partNumber = Number(/\/part\/(\d+)/.exec(request.url ?? "")?.[1]);
    received.push({ partNumber, bytes: body.length });
    const answer = await respond(partNumber, body, request);
    const etag =
      answer.etag === undefined ? `"${createHash("md5").update(body).digest("hex")}"` : answer.etag;
    response.writeHead(answer.status, etag ? { ETag: etag } : {});
    response.end(answer.status === 200 ? "" : `<Error><Code>Staged${answer.status}</Code></Error>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  respond = () => ({ status: 200 });
  received = [];
});

const bytes = Buffer.from(Array.from({ length: 2_500 }, (_, i) => i % 251));
const md5 = (data: Buffer) => `"${createHash("md5").update(data).digest("hex")}"`;

function run(overrides: Partial<UploadPartsOptions> = {}) {
  const recorded: UploadedPart[] = [];
  const urlRequests: number[][] = [];
  const progress: UploadProgress[] = [];
  const promise = uploadParts({
    source: { size: bytes.length, slice: (start, end) => new Blob([bytes.subarray(start, end)]) },
    partSize: 1_000,
    partCount: 3,
    completedParts: [],
    getPartUrls: async (numbers) => {
      urlRequests.push(numbers);
      return numbers.map((partNumber) => ({
        partNumber,
        url: `${origin}/part/${partNumber}?request=${urlRequests.length}`,
      }));
    },
    onPartDone: async (part) => void recorded.push(part),
    onProgress: (update) => progress.push(update),
    retryDelayMs: 5,
    ...overrides,
  });
  return { promise, recorded, urlRequests, progress };
}

describe("uploadParts", () => {
  it("sends each missing part once and records the ETag the server answered, quotes included", async () => {
    const { promise, recorded, progress } = run({ completedParts: [2] });
    await promise;
    expect(recorded.sort((a, b) => a.partNumber - b.partNumber)).toEqual([
      { partNumber: 1, etag: md5(bytes.subarray(0, 1_000)), size: 1_000 },
      { partNumber: 3, etag: md5(bytes.subarray(2_000)), size: 500 },
    ]);
    expect(received.map((part) => part.partNumber).sort()).toEqual([1, 3]);
    expect(progress[0]).toMatchObject({ uploadedBytes: 1_000, totalBytes: 2_500, bytesPerSecond: 0 });
    expect(progress.at(-1)).toMatchObject({ uploadedBytes: 2_500, secondsLeft: 0 });
    expect(progress.at(-1)!.bytesPerSecond).toBeGreaterThan(0);
  });

  it("asks for URLs a few parts ahead, in batches of at most 100", async () => {
    const many = {
      source: { size: 250 * 10, slice: (s: number, e: number) => new Uint8Array(e - s) },
      partSize: 10,
      partCount: 250,
    };
    const { promise, urlRequests } = run({ ...many, concurrency: 60 });
    await promise;
    expect(Math.max(...urlRequests.map((batch) => batch.length))).toBe(100);
    expect(urlRequests.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
  });

  it("retries a failing part with a freshly signed URL, then succeeds", async () => {
    let failures = 0;
    respond = (partNumber) => (partNumber === 2 && failures++ < 2 ? { status: 503 } : { status: 200 });
    const { promise, recorded, urlRequests } = run();
    await promise;
    expect(recorded).toHaveLength(3);
    expect(received.filter((part) => part.partNumber === 2)).toHaveLength(3);
    expect(urlRequests.filter((batch) => batch.length === 1 && batch[0] === 2)).toHaveLength(2);
  });

  it("gives up after the retries, names the part, and keeps the parts already recorded", async () => {
    respond = (partNumber) => ({ status: partNumber === 3 ? 500 : 200 });
    const { promise, recorded } = run({ retries: 2, concurrency: 1 });
    await expect(promise).rejects.toThrow("Part 3 failed: the bucket answered 500 Staged500");
    expect(received.filter((part) => part.partNumber === 3)).toHaveLength(3);
    expect(recorded.map((part) => part.partNumber)).toEqual([1, 2]);
  });

  it("does not retry what cannot succeed: a refused request or an unreadable ETag", async () => {
    respond = () => ({ status: 400 });
    await expect(run({ concurrency: 1 }).promise).rejects.toThrow("Part 1 failed: the bucket answered 400");
    expect(received).toHaveLength(1);
    received = [];
    respond = () => ({ status: 200, etag: null });
    await expect(run({ concurrency: 1 }).promise).rejects.toThrow(/CORS rule must expose the ETag header/);
    expect(received).toHaveLength(1);
  });

  it("retries recording a part without sending its bytes again", async () => {
    let refusals = 0;
    const recorded: number[] = [];
    const onPartDone = async (part: UploadedPart) => {
      if (part.partNumber === 1 && refusals++ === 0) throw new Error("app briefly unreachable");
      recorded.push(part.partNumber);
    };
    await run({ onPartDone }).promise;
    expect(recorded.sort()).toEqual([1, 2, 3]);
    expect(received).toHaveLength(3);
  });

  it("pauses on abort with the signal's reason, and a later call sends only what is left", async () => {
    const controller = new AbortController();
    const recorded: number[] = [];
    const onPartDone = async (part: UploadedPart) => {
      recorded.push(part.partNumber);
      controller.abort();
    };
    await expect(
      run({ concurrency: 1, signal: controller.signal, onPartDone }).promise,
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(recorded).toEqual([1]);

    received = [];
    const second = run({ completedParts: recorded });
    await second.promise;
    expect(received.map((part) => part.partNumber).sort()).toEqual([2, 3]);
    expect(second.progress[0].uploadedBytes).toBe(1_000);
  });

  it("stops a part in flight when paused", async () => {
    const controller = new AbortController();
    respond = () => new Promise((resolve) => setTimeout(() => resolve({ status: 200 }), 2_000));
    const paused = run({ signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await expect(paused.promise).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(paused.recorded).toEqual([]);
  });
});
