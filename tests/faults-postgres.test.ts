// PostgreSQL killed and restarted under a running app: this file starts its own embedded
// PostgreSQL server, points the app's database client at it, kills the server with SIGKILL in
// the middle of a transaction and starts it again on the same port and data directory. The same
// client must carry on, and every committed row must still be there.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../lib/db";
import { issueLinkFor } from "../lib/delivery/issue-link";
import { env } from "../lib/env";
import { createPrismaClient, type PrismaClient } from "../lib/prisma";
import { applyMigrations } from "../scripts/migrate";
import { postgresUrl, startPostgres } from "../scripts/embedded/postgres";
import { freePort, type Service } from "../scripts/embedded/process";
import { config, s3 } from "./support/fixtures";
import { crashServer, faultEvidence } from "./support/faults";

const evidence = faultEvidence("PostgreSQL killed and restarted under the app");
const context = { ip: "203.0.113.10", userAgent: "vitest faults" };

let dataDir: string;
let port: number;
let server: Service | undefined;
let scriptClient: PrismaClient;

const start = async () => {
  server = await startPostgres({ port, dataDir });
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "downlink-faults-pg-"));
  port = await freePort();
  await start();
  await applyMigrations(postgresUrl(port));
  vi.stubEnv("DATABASE_URL", postgresUrl(port));
  vi.stubEnv("DATABASE_POOL_MAX", "1"); // as the app runs on the embedded server
  expect(env().DATABASE_URL).toBe(postgresUrl(port)); // read fresh, not cached before
  // A second client from the same factory, as scripts (seed, reconcile) build theirs.
  scriptClient = createPrismaClient(postgresUrl(port), 2);
});

afterAll(async () => {
  evidence.write();
  await Promise.allSettled([db.$disconnect(), scriptClient?.$disconnect()]);
  await server?.stop();
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

async function customerWithFile() {
  const slug = `pg-fault-${randomBytes(4).toString("hex")}`;
  const objectKey = `products/${slug}/1.0.0/${randomBytes(8).toString("hex")}/tool.zip`;
  await s3.send(new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: objectKey, Body: randomBytes(512) }));
  const product = await db.product.create({
    data: {
      slug,
      name: slug,
      tiers: { create: { name: "Standard", priceCents: 900 } },
      releases: {
        create: {
          version: "1.0.0",
          status: "published",
          publishedAt: new Date(),
          files: {
            create: {
              platform: "linux_universal",
              filename: "tool.zip",
              objectKey,
              sizeBytes: 512n,
              status: "ready",
              contentType: "application/zip",
            },
          },
        },
      },
    },
    include: { releases: { include: { files: true } } },
  });
  const user = await db.user.create({ data: { email: `${slug}@example.com` } });
  await db.entitlement.create({
    data: { userId: user.id, productId: product.id, status: "active", source: "manual" },
  });
  return {
    user: { id: user.id, email: slug + "@example.com", isAdmin: false },
    fileId: product.releases[0].files[0].id,
  };
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: Error) => `${error.name}: ${error.message.split("\n").filter(Boolean).at(-1)}`.slice(0, 160),
  );

describe("PostgreSQL restarted mid-run", () => {
  it("fails only what was in flight, with a clear error, and carries on on the same clients with every committed row", async () => {
    const { user, fileId } = await customerWithFile();
    expect((await issueLinkFor(user, fileId, context)).status).toBe("success");
    const batch = `committed-${randomBytes(3).toString("hex")}`;
    await scriptClient.auditLog.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({
        actorEmail: "system",
        action: batch,
        targetType: "Test",
        targetId: String(i),
      })),
    });

    // A transaction that has written a row and not yet committed when the server dies.
    let crashed!: () => void;
    const afterCrash = new Promise<void>((resolve) => (crashed = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const uncommitted = `uncommitted-${randomBytes(3).toString("hex")}`;
    const inFlight = failureOf(
      db.$transaction(async (tx) => {
        await tx.auditLog.create({
          data: { actorEmail: "system", action: uncommitted, targetType: "Test", targetId: "0" },
        });
        wrote();
        await afterCrash;
        await tx.auditLog.create({
          data: { actorEmail: "system", action: uncommitted, targetType: "Test", targetId: "1" },
        });
      }),
    );
    await written;
    const pid = await crashServer(path.join(dataDir, "pg"), port);
    crashed();
    const inFlightError = await inFlight;

    const whileDown = await failureOf(issueLinkFor(user, fileId, context));
    const scriptWhileDown = await failureOf(scriptClient.user.count());
    await start();

    const afterRestart = await issueLinkFor(user, fileId, context);
    const committed = await scriptClient.auditLog.count({ where: { action: batch } });
    const halfWritten = await db.auditLog.count({ where: { action: uncommitted } });
    const issued = await db.downloadEvent.count({ where: { userId: user.id, outcome: "issued" } });
    const stillWorks = await scriptClient.user.count({ where: { id: user.id } });

    const ok =
      inFlightError !== null &&
      whileDown !== null &&
      scriptWhileDown !== null &&
      afterRestart.status === "success" &&
      committed === 25 &&
      halfWritten === 0 &&
      issued === 2 &&
      stillWorks === 1;
    evidence.row(
      `SIGKILL of the PostgreSQL server (pid ${pid}) during a transaction, then a restart on the same port and data directory`,
      `in-flight transaction failed (${inFlightError}); while down: a download failed (${whileDown}); after restart on the same clients: download ${afterRestart.status}, ${committed}/25 committed rows, ${halfWritten} rows of the killed transaction, ${issued} issued download events`,
      "the in-flight transaction and calls while down fail with an error; afterwards the same clients work, every committed row is there, nothing of the killed transaction",
      ok,
    );
    expect(inFlightError).not.toBeNull();
    expect(whileDown).not.toBeNull();
    expect(scriptWhileDown).not.toBeNull();
    expect(afterRestart.status).toBe("success");
    expect(committed).toBe(25);
    expect(halfWritten).toBe(0);
    expect(issued).toBe(2);
    expect(stillWorks).toBe(1);
  });

  it("recovers from a crash that happens while the clients sit idle", async () => {
    const { user, fileId } = await customerWithFile();
    expect((await issueLinkFor(user, fileId, context)).status).toBe("success");
    await crashServer(path.join(dataDir, "pg"), port);
    await start();
    const first = await failureOf(
      issueLinkFor(user, fileId, context).then((result) =>
        result.status === "success" ? result : Promise.reject(new Error(result.status)),
      ),
    );
    const script = await failureOf(scriptClient.user.findUniqueOrThrow({ where: { id: user.id } }));
    const issued = await db.downloadEvent.count({ where: { userId: user.id, outcome: "issued" } });

    const ok = first === null && script === null && issued === 2;
    evidence.row(
      "SIGKILL and restart of PostgreSQL while the app's pooled connections are idle",
      `first download after the restart: ${first ?? "success"}; first script query: ${script ?? "success"}; ${issued} issued events`,
      "the first calls after the restart already succeed (dead pooled connections are replaced)",
      ok,
    );
    expect(first).toBeNull();
    expect(script).toBeNull();
    expect(issued).toBe(2);
  });

  it("gives up on a database server that accepts connections but never answers", async () => {
    const held = new Set<net.Socket>();
    const silent = net.createServer((socket) => held.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const client = createPrismaClient(postgresUrl((silent.address() as net.AddressInfo).port), 1);
    try {
      const started = performance.now();
      const failure = await failureOf(client.user.count());
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const ok = failure !== null;
      evidence.row(
        "a database server that accepts TCP connections and never answers (hung server, half-open failover)",
        `the query failed after ${seconds} s (${failure})`,
        "an error after the pool's connect timeout, not a request held forever",
        ok,
      );
      expect(failure).not.toBeNull();
    } finally {
      await client.$disconnect().catch(() => {});
      held.forEach((socket) => socket.destroy());
      silent.close();
    }
  });
});
