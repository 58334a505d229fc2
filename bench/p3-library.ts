// P3: the library page for customers owning 1, 50 and 200 products of 10 releases each:
// database round trips per request (counted on the wire by a relay in front of PostgreSQL,
// for an app instance of its own) and the time per request. The session endpoint and a
// stable link are counted the same way, as the reference points of P1.
import type { S3Client } from "@aws-sdk/client-s3";
import type { Env } from "../lib/env-schema";
import type { PrismaClient } from "../lib/prisma";
import { startApp } from "./app";
import { createCatalog, createCustomers } from "./fixtures";
import { percentile } from "./load";
import { startPgCounter, throughCounter } from "./pg-counter";

type Counter = Awaited<ReturnType<typeof startPgCounter>>;

// Sequential requests, so every counted message belongs to one of them: `rounds` of them, or
// fewer (at least 3) once `budgetMs` is spent — a 200-product library on a busy machine is slow.
async function measure(
  counter: Counter,
  url: string,
  cookie: string,
  expected: number,
  rounds: number,
  budgetMs = 60_000,
) {
  await fetch(url, { headers: { cookie }, redirect: "manual" }).then((r) => r.arrayBuffer()); // warm-up
  const before = counter.snapshot();
  const times: number[] = [];
  let bytes = 0;
  const deadline = performance.now() + budgetMs;
  for (let i = 0; i < rounds && (i < 3 || performance.now() < deadline); i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
    const body = await response.arrayBuffer();
    times.push(performance.now() - started);
    if (response.status !== expected)
      throw new Error(`P3: ${new URL(url).pathname} answered HTTP ${response.status}`);
    bytes = body.byteLength;
  }
  const after = counter.snapshot();
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    roundTrips: (after.roundTrips - before.roundTrips) / times.length,
    statements: (after.executes - before.executes) / times.length,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    htmlBytes: bytes,
  };
}

export async function benchLibrary(
  prisma: PrismaClient,
  s3: S3Client,
  config: Env,
  options: {
    tag: string;
    sizes: number[];
    releases: number;
    rounds: number;
    port: number;
    env: NodeJS.ProcessEnv;
    logFile: string;
  },
) {
  const largest = Math.max(...options.sizes);
  const catalog = await createCatalog(
    prisma,
    s3,
    config,
    `${options.tag}-library`,
    largest,
    options.releases,
  );
  const owners = [];
  for (const size of options.sizes) {
    const [user] = await createCustomers(
      prisma,
      `${options.tag}-library-${size}`,
      1,
      catalog.slice(0, size).map((p) => p.id),
    );
    owners.push({ size, user });
  }

  const databaseUrl = options.env.DATABASE_URL!;
  const counter = await startPgCounter(throughCounter(databaseUrl, 0).upstream);
  const app = await startApp(
    options.port,
    { ...options.env, DATABASE_URL: throughCounter(databaseUrl, counter.port).url },
    options.logFile,
  );
  try {
    const cookie = owners[0].user.cookie;
    const session = await measure(counter, `${app.url}/api/auth/session`, cookie, 200, options.rounds);
    const link = await measure(
      counter,
      `${app.url}/download/file/${catalog[0].file.id}`,
      cookie,
      303,
      options.rounds,
    );
    const library = [];
    for (const { size, user } of owners) {
      library.push({
        products: size,
        releases: size * options.releases,
        ...(await measure(counter, `${app.url}/library`, user.cookie, 200, options.rounds)),
      });
    }
    // What one request sends, in order (SQL with placeholders; values never leave the relay).
    const statements = {
      session: await counter.capture(() =>
        fetch(`${app.url}/api/auth/session`, { headers: { cookie } }).then((r) => r.arrayBuffer()),
      ),
      link: await counter.capture(() =>
        fetch(`${app.url}/download/file/${catalog[0].file.id}`, {
          headers: { cookie },
          redirect: "manual",
        }).then((r) => r.arrayBuffer()),
      ),
      library: await counter.capture(() =>
        fetch(`${app.url}/library`, { headers: { cookie } }).then((r) => r.arrayBuffer()),
      ),
    };
    const first = library[0];
    const last = library[library.length - 1];
    return { session, link, library, timeRatio: last.p50 / first.p50, statements };
  } finally {
    await app.stop();
    await counter.stop();
  }
}
