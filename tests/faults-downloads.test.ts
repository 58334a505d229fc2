// Faults while issuing download links: the bucket stopped, hanging, answering 503, or the object
// deleted. The app is pointed at an S3 server of this file's own, which it stops, replaces and
// starts again; the database is the suite's real one.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as latestRoute } from "../app/download/[productSlug]/latest/route";
import { GET as fileRoute } from "../app/download/file/[fileId]/route";
import { getCurrentUser } from "../lib/auth/session";
import { reserveDownload } from "../lib/dal/downloads";
import { issueLinkFor } from "../lib/delivery/issue-link";
import { embeddedS3 } from "../lib/embedded-defaults";
import { env } from "../lib/env";
import { checkObject } from "../lib/storage/s3";
import { assertPortFree, freePort, type Service } from "../scripts/embedded/process";
import { startS3 } from "../scripts/embedded/s3";
import { makeS3Client } from "../scripts/embedded/s3-client";
import { config, createProductWithFile, createUser, grant, prisma, sessionCookie } from "./support/fixtures";
import { faultEvidence } from "./support/faults";

// Who is signed in is not what these tests are about; the routes' own checks still run.
vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn() }));
// The real bucket check, which the latency comparison skips on every other call.
vi.mock("../lib/storage/s3", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../lib/storage/s3")>();
  return { ...actual, checkObject: vi.fn(actual.checkObject) };
});

const context = { ip: "203.0.113.9", userAgent: "vitest faults" };
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const evidence = faultEvidence("Download links while storage fails");
const RATE_LIMIT = 3;

let dataDir: string;
let port: number;
let bucket: Service | undefined;
let admin: S3Client;

const startBucket = async () => {
  bucket = await startS3({ port, dataDir, bucket: config.S3_BUCKET, corsOrigins: [] });
};
async function stopBucket() {
  await bucket?.stop();
  bucket = undefined;
  await assertPortFree(port, "s3");
}

// Something else on the bucket's port: a server that never answers, or one that answers 503.
async function impostor(answer: (res: http.ServerResponse) => void) {
  const server = http.createServer((_req, res) => answer(res));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "downlink-faults-s3-"));
  port = await freePort();
  await startBucket();
  vi.stubEnv("S3_ENDPOINT", `http://127.0.0.1:${port}`);
  vi.stubEnv("DOWNLOAD_RATE_LIMIT_PER_MINUTE", String(RATE_LIMIT));
  expect(env().S3_ENDPOINT).toBe(`http://127.0.0.1:${port}`); // read fresh, not cached before
  admin = makeS3Client({ ...embeddedS3, endpoint: `http://127.0.0.1:${port}` }, { maxAttempts: 1 });
});

afterAll(async () => {
  evidence.note(
    "Each row is one injected fault; the observed column is built from the run's answers and DownloadEvent rows.",
  );
  evidence.write();
  admin?.destroy();
  await bucket?.stop();
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
  await prisma.$disconnect();
});

// A published build in this suite's own S3 server, owned by a customer who is the one signed in.
async function ownedFile(downloadLimit: number | null = null) {
  const { product, file, body } = await createProductWithFile({ downloadLimit, bucket: admin });
  const user = await createUser();
  await grant(user.id, product.id);
  vi.mocked(getCurrentUser).mockResolvedValue(user);
  return { user, product, file, body };
}

const outcomes = async (userId: string) =>
  (await prisma.downloadEvent.findMany({ where: { userId }, orderBy: { createdAt: "asc" } })).map(
    (event) => `${event.outcome}/${event.reason ?? "-"}`,
  );

type Result = Awaited<ReturnType<typeof issueLinkFor>>;
const describeResult = (result: Result) =>
  result.status === "success"
    ? "link issued"
    : `${result.code}${result.retryAfterSeconds ? ` (retry after ${result.retryAfterSeconds} s)` : ""}: "${result.message}"`;

async function downloaded(result: Result) {
  if (result.status !== "success") return null;
  const response = await fetch(result.data.url);
  return response.ok ? sha256(new Uint8Array(await response.arrayBuffer())) : `HTTP ${response.status}`;
}

describe("issuing a link while storage fails", () => {
  it("answers unavailable while the bucket is down, uses up neither limit, and issues again once it is back", async () => {
    const { user, file, body } = await ownedFile(1);
    await stopBucket();
    const attempts = [];
    for (let i = 0; i <= RATE_LIMIT; i++) attempts.push(await issueLinkFor(user, file.id, context));
    const down = await outcomes(user.id);
    await startBucket();
    const back = await issueLinkFor(user, file.id, context);
    const fetched = await downloaded(back);
    const capped = await issueLinkFor(user, file.id, context);

    const expectedDown = attempts.map(() => "failed/storage_unavailable");
    const ok =
      attempts.every(
        (result) =>
          result.status === "error" && result.code === "unavailable" && result.retryAfterSeconds === 60,
      ) &&
      JSON.stringify(down) === JSON.stringify(expectedDown) &&
      fetched === sha256(body) &&
      capped.status === "error" &&
      capped.code === "forbidden";
    evidence.row(
      `S3 server stopped (connection refused); ${attempts.length} clicks, cap 1, rate limit ${RATE_LIMIT}/min`,
      `${describeResult(attempts[0])}; events ${[...new Set(down)].join(", ")} ×${down.length}; restarted → ${describeResult(back)}, bytes ${fetched === sha256(body) ? "match" : "differ"}; next → ${describeResult(capped)}`,
      "unavailable with Retry-After, every attempt failed/storage_unavailable, no issued event; after restart one link (cap intact), then the cap applies",
      ok,
    );
    expect(attempts[0]).toEqual({
      status: "error",
      code: "unavailable",
      message:
        "Downloads are unavailable right now: the file store is not answering. Please try again in a minute.",
      retryAfterSeconds: 60,
    });
    expect(down).toEqual(expectedDown);
    expect(fetched).toBe(sha256(body));
    expect(capped).toMatchObject({ status: "error", code: "forbidden" });
    expect(ok).toBe(true);
  });

  it.each([
    ["accepts connections but never answers", () => {}],
    [
      "answers 503 SlowDown to everything",
      (res: http.ServerResponse) =>
        res.writeHead(503, { "content-type": "application/xml" }).end("<Error><Code>SlowDown</Code></Error>"),
    ],
  ])("answers unavailable when the bucket %s, within the check's timeout", async (label, answer) => {
    const { user, file, body } = await ownedFile();
    await stopBucket();
    const close = await impostor(answer);
    const started = performance.now();
    const result = await issueLinkFor(user, file.id, context);
    const seconds = (performance.now() - started) / 1000;
    const events = await outcomes(user.id);
    await close();
    await startBucket();
    const back = await issueLinkFor(user, file.id, context);
    const fetched = await downloaded(back);

    const ok =
      result.status === "error" &&
      result.code === "unavailable" &&
      events.join() === "failed/storage_unavailable" &&
      fetched === sha256(body);
    evidence.row(
      `the bucket ${label}`,
      `${describeResult(result)} after ${seconds.toFixed(1)} s; events ${events.join(", ")}; restored → ${describeResult(back)}`,
      "unavailable within the HEAD timeout, failed/storage_unavailable, no issued event; a link once the bucket is back",
      ok,
    );
    expect(result).toMatchObject({ status: "error", code: "unavailable", retryAfterSeconds: 60 });
    expect(events).toEqual(["failed/storage_unavailable"]);
    expect(fetched).toBe(sha256(body));
  });

  it("says the file is missing when its object was deleted, tells the seller once, and serves it again when restored", async () => {
    const { user, file, body } = await ownedFile(1);
    await admin.send(new DeleteObjectCommand({ Bucket: config.S3_BUCKET, Key: file.objectKey }));
    const first = await issueLinkFor(user, file.id, context);
    const second = await issueLinkFor(user, file.id, context);
    const events = await outcomes(user.id);
    const notices = await prisma.auditLog.count({
      where: { action: "file.object_missing", targetId: file.id },
    });
    await admin.send(new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: file.objectKey, Body: body }));
    const restored = await issueLinkFor(user, file.id, context);
    const fetched = await downloaded(restored);

    const message = `${file.filename} is missing from the file store. The seller has been told; please try again later.`;
    const ok =
      [first, second].every(
        (result) => result.status === "error" && result.message === message && !result.retryAfterSeconds,
      ) &&
      events.join() === "failed/object_missing,failed/object_missing" &&
      notices === 1 &&
      fetched === sha256(body);
    evidence.row(
      "the file's object deleted from the bucket (404 on HEAD); two clicks; cap 1",
      `${describeResult(first)}; events ${events.join(", ")}; ${notices} seller notice in the audit log; restored → ${describeResult(restored)}, bytes ${fetched === sha256(body) ? "match" : "differ"}`,
      "a clear missing-file message, failed/object_missing, one seller notice, no issued event; the restored object downloads (cap intact)",
      ok,
    );
    expect(first).toEqual({ status: "error", code: "unavailable", message });
    expect(second).toEqual(first);
    expect(events).toEqual(["failed/object_missing", "failed/object_missing"]);
    expect(notices).toBe(1);
    expect(fetched).toBe(sha256(body));
  });

  it("answers 503 with Retry-After on the stable links while the bucket is down, and 303 once it is back", async () => {
    const { user, product, file, body } = await ownedFile();
    const headers = { cookie: await sessionCookie(user) };
    const byId = () =>
      fileRoute(new Request(`http://localhost/download/file/${file.id}`, { headers }), {
        params: Promise.resolve({ fileId: file.id }),
      });
    const latest = () =>
      latestRoute(
        new Request(`http://localhost/download/${product.slug}/latest?platform=linux`, { headers }),
        {
          params: Promise.resolve({ productSlug: product.slug }),
        },
      );
    await stopBucket();
    const answers = [await byId(), await latest()];
    const bodies = await Promise.all(
      answers.map((response) => response.json() as Promise<{ error: string; message: string }>),
    );
    await startBucket();
    await admin.send(new DeleteObjectCommand({ Bucket: config.S3_BUCKET, Key: file.objectKey }));
    const missing = await byId();
    await admin.send(new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: file.objectKey, Body: body }));
    const back = await byId();
    const location = back.headers.get("location");
    const fetched = location ? sha256(new Uint8Array(await (await fetch(location)).arrayBuffer())) : null;
    const events = await outcomes(user.id);

    const shown = (response: Response) =>
      `${response.status}${response.headers.get("retry-after") ? ` Retry-After ${response.headers.get("retry-after")}` : ""}`;
    const ok =
      answers.every((response) => response.status === 503 && response.headers.get("retry-after") === "60") &&
      bodies.every((answer) => answer.error === "unavailable") &&
      missing.status === 503 &&
      missing.headers.get("retry-after") === null &&
      back.status === 303 &&
      fetched === sha256(body) &&
      events.join() ===
        "failed/storage_unavailable,failed/storage_unavailable,failed/object_missing,issued/-";
    evidence.row(
      "S3 server stopped, then the object deleted, while scripts use /download/file/:id and /download/:product/latest",
      `file ${shown(answers[0])}, latest ${shown(answers[1])} "${bodies[0].message}"; object missing → ${shown(missing)}; restored → ${back.status} to a URL whose bytes ${fetched === sha256(body) ? "match" : "differ"}`,
      "503 + Retry-After while down, 503 without it while missing, 303 to a working URL after",
      ok,
    );
    for (const response of answers) {
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("60");
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
    expect(bodies[1]).toEqual({
      error: "unavailable",
      message:
        "Downloads are unavailable right now: the file store is not answering. Please try again in a minute.",
    });
    expect(missing.status).toBe(503);
    expect(back.status).toBe(303);
    expect(fetched).toBe(sha256(body));
    expect(ok).toBe(true);
  });

  it("runs the bucket check beside the database work (latency measured and reported, not asserted)", async () => {
    const samples = {
      withCheck: [] as number[],
      withoutCheck: [] as number[],
      headAlone: [] as number[],
      reservationAlone: [] as number[],
    };
    const timed = async <T>(series: number[], work: () => Promise<T>) => {
      const started = performance.now();
      const value = await work();
      series.push(performance.now() - started);
      return value;
    };
    for (let i = 0; i < 40; i++) {
      const { user, product, file } = await ownedFile();
      const entitlement = await prisma.entitlement.findFirstOrThrow({
        where: { userId: user.id, productId: product.id },
      });
      expect(await timed(samples.headAlone, () => checkObject(file.objectKey))).toBe("present");
      const limits = { perMinute: RATE_LIMIT, cap: null, capResetAt: null };
      const reserved = await timed(samples.reservationAlone, () =>
        reserveDownload({ userId: user.id, fileId: file.id, entitlementId: entitlement.id }, limits),
      );
      expect(reserved.ok).toBe(true);
      // Interleaved, so that load from anything else on the machine hits both series alike.
      if (i % 2 === 1) vi.mocked(checkObject).mockResolvedValueOnce("present");
      const issued = await timed(i % 2 === 1 ? samples.withoutCheck : samples.withCheck, () =>
        issueLinkFor(user, file.id, context),
      );
      expect(issued.status).toBe("success");
    }
    const p50 = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)].toFixed(1);
    evidence.note(
      `Latency in this run (p50, sequential, ${samples.withCheck.length} calls per series): issueLinkFor ${p50(samples.withCheck)} ms with the HEAD check and ${p50(samples.withoutCheck)} ms without it; ` +
        `the HEAD alone ${p50(samples.headAlone)} ms, the reservation transaction alone ${p50(samples.reservationAlone)} ms.`,
    );
  });
});
