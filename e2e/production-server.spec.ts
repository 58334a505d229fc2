// The standalone server as it runs in production: it refuses to start without its secrets,
// logs JSON lines tagged with a request id, and drains on SIGTERM.
import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { embeddedValuesIn } from "../lib/embedded-defaults";
import { parseEnv } from "../lib/env-schema";
import {
  freePort,
  jsonLines,
  startPostgresRelay,
  startServer,
  waitForHealth,
  type RunningServer,
} from "./production-server";

const running: RunningServer[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

async function start(env: Record<string, string | undefined>) {
  const server = await startServer(env);
  running.push(server);
  return server;
}

// The environment `npm test` gives the app (the embedded stack or the services it names).
const stackEnv = () =>
  Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("PLAYWRIGHT") && key !== "NODE_OPTIONS"),
  );

test("without its secrets the server stops at start-up with one message naming every missing variable", async () => {
  const server = await start({ HOME: process.env.HOME });
  const code = await Promise.race([
    server.exited,
    new Promise((resolve) => setTimeout(() => resolve("still running"), 30_000)),
  ]);
  expect(code).toBe(1);
  const fatal = jsonLines(server.lines).filter((line) => line.level === "fatal");
  expect(fatal).toHaveLength(1);
  const message = String(fatal[0].msg);
  const missing = message.match(/missing: (.*)/)?.[1].split(", ");
  expect(missing?.sort()).toEqual(
    [
      "APP_URL",
      "AUTH_SECRET",
      "DATABASE_URL",
      "EMAIL_FROM",
      "EMAIL_SERVER",
      "LICENSE_SIGNING_KEYS",
      "S3_BUCKET",
      "S3_REGION",
      "STRIPE_SECRET_KEY",
      "STRIPE_WEBHOOK_SECRET",
    ].sort(),
  );
});

// What stops a production start however the rest is configured: one fatal line, exit 1.
async function refusal(env: Record<string, string | undefined>) {
  const server = await start(env);
  const code = await Promise.race([
    server.exited,
    new Promise((resolve) => setTimeout(() => resolve("still running"), 30_000)),
  ]);
  const fatal = jsonLines(server.lines).filter((line) => line.level === "fatal");
  return { code, fatal: fatal.map((line) => String(line.msg)) };
}

test("a start that claims to be `next build` (NEXT_PHASE=phase-production-build) is refused", async () => {
  const { code, fatal } = await refusal({ ...stackEnv(), NEXT_PHASE: "phase-production-build" });
  expect(code).toBe(1);
  expect(fatal).toHaveLength(1);
  expect(fatal[0]).toMatch(/NEXT_PHASE: phase-production-build is set by `next build` alone/);
});

test("the embedded stack's published secrets are refused unless the start says it runs on that stack", async () => {
  // Those of the services `npm test` started here (all of them unless the environment names real ones).
  const published = embeddedValuesIn(parseEnv({ ...stackEnv(), NODE_ENV: "test" }));
  test.skip(published.length === 0, "every service is a real one");
  const { code, fatal } = await refusal({ ...stackEnv(), EMBEDDED_STACK: undefined });
  expect(code).toBe(1);
  expect(fatal).toHaveLength(1);
  for (const name of published) expect(fatal[0]).toContain(name);
});

test("every line logged during a request is JSON and carries the request id, which the response echoes", async () => {
  const closedPort = await freePort();
  const server = await start({ ...stackEnv(), S3_ENDPOINT: `http://127.0.0.1:${closedPort}` });
  await waitForHealth(server);

  const requestId = "e2e-trace-0000123";
  const response = await fetch(`${server.url}/api/ready`, { headers: { "x-request-id": requestId } });
  expect(response.status).toBe(503);
  expect(response.headers.get("x-request-id")).toBe(requestId);
  expect(await response.json()).toMatchObject({ status: "unavailable", failed: ["storage"] });

  await expect.poll(() => server.lines.filter((line) => line.includes(requestId)).length).toBeGreaterThan(0);
  const tagged = server.lines.filter((line) => line.includes(requestId));
  for (const line of tagged) expect(JSON.parse(line)).toMatchObject({ requestId });
  expect(jsonLines(tagged)).toContainEqual(
    expect.objectContaining({ level: "warn", msg: "not ready", failed: ["storage"] }),
  );

  // Everything after start-up is JSON, including what Next.js itself prints.
  const started = server.lines.findIndex((line) => line.includes('"server started"'));
  expect(started).toBeGreaterThanOrEqual(0);
  for (const line of server.lines.slice(started)) expect(() => JSON.parse(line)).not.toThrow();

  // An id that is not a plain token is replaced, not echoed.
  const replaced = await fetch(`${server.url}/api/health`, {
    headers: { "x-request-id": "bad id\twith {json}" },
  });
  expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  expect(server.lines.join("\n")).not.toContain("X-Amz-Signature");
});

test("on SIGTERM the server stops accepting, finishes the request in flight, closes its database pool and exits 0", async () => {
  const postgres = await startPostgresRelay(new URL(process.env.DATABASE_URL!));
  try {
    const server = await start({ ...stackEnv(), DATABASE_URL: postgres.databaseUrl });
    await waitForHealth(server);
    expect((await fetch(`${server.url}/api/ready`)).status).toBe(200); // opens the pool
    expect(postgres.connections.length).toBeGreaterThan(0);

    // A webhook delivery whose body is still arriving is a request in flight.
    const inFlight = startSlowPost(`${server.url}/api/webhooks/stripe`, '{"id":"evt_in_flight",');
    await expect.poll(() => inFlight.sent).toBe(true);

    server.child.kill("SIGTERM");
    await expect
      .poll(() => jsonLines(server.lines).some((line) => line.msg === "shutdown started"))
      .toBe(true);
    await expect.poll(() => connectionRefused(server.url)).toBe(true);
    expect(server.child.exitCode).toBeNull();

    // The rest of the body arrives; the route answers (a bad signature: 400) and only then the process ends.
    const status = await inFlight.finish('"object":"event"}');
    expect(status).toBe(400);
    expect(await server.exited).toBe(0);
    for (const connection of postgres.connections)
      expect(connection).toEqual({ closed: true, terminated: true });
    expect(jsonLines(server.lines)).toContainEqual(
      expect.objectContaining({ msg: "shutdown finished", code: 0 }),
    );
  } finally {
    await postgres.close();
  }
});

function startSlowPost(url: string, firstChunk: string) {
  const state = { sent: false };
  let resolveStatus: (status: number) => void;
  const status = new Promise<number>((resolve) => (resolveStatus = resolve));
  const request = httpRequest(
    url,
    {
      method: "POST",
      agent: false,
      headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=00" },
    },
    (response) => {
      response.resume();
      response.on("end", () => resolveStatus(response.statusCode ?? 0));
    },
  );
  request.on("error", () => resolveStatus(0));
  request.write(firstChunk, () => (state.sent = true));
  return {
    get sent() {
      return state.sent;
    },
    finish(rest: string) {
      request.end(rest);
      return status;
    },
  };
}

function connectionRefused(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = httpRequest(`${url}/api/health`, { agent: false }, (response) => {
      response.resume();
      resolve(false);
    });
    request.on("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
    request.end();
  });
}
