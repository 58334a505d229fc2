import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it, vi } from "vitest";
import { GET } from "../app/api/ready/route";
import { pingDatabase } from "../lib/dal/health";
import { bucketCheck, checkReadiness } from "../lib/health/readiness";
import { createPrismaClient } from "../lib/prisma";
import { createS3Client } from "../lib/storage/client";
import { config, prisma, s3 } from "./support/fixtures";

// A port nothing listens on: bound, then released.
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Accepts connections and never answers.
const silent: Server[] = [];
async function silentPort(): Promise<number> {
  const server = createServer(() => {});
  silent.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

const storage = vi.hoisted(() => ({ endpoint: undefined as string | undefined }));
vi.mock("../lib/storage/s3", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../lib/storage/s3")>();
  const { createS3Client } = await import("../lib/storage/client");
  const { parseEnv } = await import("../lib/env-schema");
  return {
    ...actual,
    s3: () =>
      storage.endpoint
        ? createS3Client({ ...parseEnv(process.env), S3_ENDPOINT: storage.endpoint })
        : actual.s3(),
  };
});

afterAll(async () => {
  await prisma.$disconnect();
  for (const server of silent) server.close();
});

describe("GET /api/ready", () => {
  it("answers 200 with each check's status when the database and the bucket answer", async () => {
    storage.endpoint = undefined;
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body).toMatchObject({
      status: "ready",
      checks: { database: { status: "ok" }, storage: { status: "ok" } },
    });
  });

  it("answers 503 naming the storage check when S3 points at a closed port, revealing no address or key", async () => {
    const port = await closedPort();
    storage.endpoint = `http://127.0.0.1:${port}`;
    const response = await GET();
    storage.endpoint = undefined;
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toMatchObject({
      status: "unavailable",
      failed: ["storage"],
      checks: { database: { status: "ok" }, storage: { status: "failed" } },
    });
    const text = JSON.stringify(body);
    expect(text).not.toContain(String(port));
    expect(text).not.toContain(config.S3_ACCESS_KEY_ID!);
  });
});

describe("checkReadiness", () => {
  it("fails the database check when PostgreSQL is at a closed port, and only that one", async () => {
    const port = await closedPort();
    const offline = createPrismaClient(`postgresql://downlink:secret-password@127.0.0.1:${port}/downlink`, 1);
    const result = await checkReadiness({
      database: () => pingDatabase(offline),
      storage: bucketCheck(s3, config.S3_BUCKET),
    });
    await offline.$disconnect();
    expect(result.ready).toBe(false);
    expect(Object.keys(result.failures)).toEqual(["database"]);
    expect(result.checks.storage.status).toBe("ok");
    expect(result.checks.database).toMatchObject({ status: "failed" });
    expect(JSON.stringify(result.checks)).not.toMatch(/secret-password|127\.0\.0\.1/);
  });

  it("gives up on a server that never answers after the deadline", async () => {
    const s3Silent = createS3Client({ ...config, S3_ENDPOINT: `http://127.0.0.1:${await silentPort()}` });
    const result = await checkReadiness(
      { storage: bucketCheck(s3Silent, config.S3_BUCKET), database: () => pingDatabase(prisma) },
      300,
    );
    expect(result.checks.storage).toMatchObject({ status: "failed", error: "timeout after 300 ms" });
    expect(result.checks.database.status).toBe("ok");
  });

  it("reports a missing bucket by its HTTP status", async () => {
    const result = await checkReadiness({ storage: bucketCheck(s3, "no-such-bucket-here") });
    expect(result.checks.storage).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/HTTP 404/),
    });
  });
});
