// The standalone server as it runs in production: it refuses to start without its secrets,
// logs JSON lines tagged with a request id, and drains on SIGTERM.
import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { freePort, jsonLines, startHeldS3, startPostgresRelay, startServer, waitForHealth, type RunningServer } from "./production-server";

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
const stackEnv = () => Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("PLAYWRIGHT") && key !== "NODE_OPTIONS"));

test("without its secrets the server stops at start-up with one message naming every missing variable", async () => {
  const server = await start({ HOME: process.env.HOME });
  const code = await Promise.race([server.exited, new Promise((resolve) => setTimeout(() => resolve("still running"), 30_000))]);
  expect(code).toBe(1);
  const fatal = jsonLines(server.lines).filter((line) => line.level === "fatal");
  expect(fatal).toHaveLength(1);
  const message = String(fatal[0].msg);
  const missing = message.match(/missing: (.*)/)?.[1].split(", ");
  expect(missing?.sort()).toEqual(
    ["APP_URL", "AUTH_SECRET", "DATABASE_URL", "EMAIL_FROM", "EMAIL_SERVER", "S3_BUCKET", "S3_REGION", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"].sort(),
  );
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
  expect(jsonLines(tagged)).toContainEqual(expect.objectContaining({ level: "warn", msg: "not ready", failed: ["storage"] }));

  // Everything after start-up is JSON, including what Next.js itself prints.
  const started = server.lines.findIndex((line) => line.includes('"server started"'));
  expect(started).toBeGreaterThanOrEqual(0);
  for (const line of server.lines.slice(started)) expect(() => JSON.parse(line)).not.toThrow();

  // An id that is not a plain token is replaced, not echoed.
  const replaced = await fetch(`${server.url}/api/health`, { headers: { "x-request-id": "bad id\twith {json}" } });
  expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  expect(server.lines.join("\n")).not.toContain("X-Amz-Signature");
});

test("on SIGTERM the server stops accepting, finishes the request in flight, closes its database pool and exits 0", async () => {
  const s3 = await startHeldS3();
  const postgres = await startPostgresRelay(new URL(process.env.DATABASE_URL!));
  try {
    const server = await start({ ...stackEnv(), S3_ENDPOINT: s3.url, DATABASE_URL: postgres.databaseUrl });
    await waitForHealth(server);

    // /api/ready pings the database and then waits on the held bucket check.
    const inFlight = fetch(`${server.url}/api/ready`).then(async (response) => ({ status: response.status, body: await response.json() }));
    await expect.poll(() => s3.received.length).toBeGreaterThan(0);
    await expect.poll(() => postgres.connections.length).toBeGreaterThan(0);

    server.child.kill("SIGTERM");
    await expect.poll(() => jsonLines(server.lines).some((line) => line.msg === "shutdown started")).toBe(true);
    // New connections are refused while the request in flight is still open.
    await expect.poll(() => connectionRefused(server.url)).toBe(true);
    expect(server.child.exitCode).toBeNull();

    s3.release();
    expect(await inFlight).toMatchObject({ status: 200, body: { status: "ready" } });
    expect(await server.exited).toBe(0);
    expect(postgres.connections.length).toBeGreaterThan(0);
    for (const connection of postgres.connections) expect(connection).toEqual({ closed: true, terminated: true });
    expect(jsonLines(server.lines)).toContainEqual(expect.objectContaining({ msg: "shutdown finished", code: 0 }));
  } finally {
    s3.release();
    await Promise.all([s3.close(), postgres.close()]);
  }
});

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
