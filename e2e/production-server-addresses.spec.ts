// Client addresses on the standalone server, over real sockets: a client that forges
// X-Forwarded-For is still counted as its socket peer (licence-check limit, audit trail), and
// behind TRUSTED_PROXY_HOPS proxies the entry the nearest proxy appended is the one that counts.
import { randomInt } from "node:crypto";
import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { connect } from "node:net";
import { startServer, waitForHealth, type RunningServer } from "./production-server";
import { testDb } from "./support/db";
import { recordSecurityEvidence } from "../tests/support/security-evidence";

const running: RunningServer[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

const stackEnv = () =>
  Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("PLAYWRIGHT") && key !== "NODE_OPTIONS"),
  );

async function start(env: Record<string, string | undefined> = {}) {
  const server = await startServer({ ...stackEnv(), ...env });
  running.push(server);
  await waitForHealth(server);
  return server;
}

// The whole of 127.0.0.0/8 is this machine: each test speaks from an address of its own, so
// the limit it fills is shared with no other test.
const ownLoopback = () => `127.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(1, 255)}`;
const surface = "POST /api/v1/licenses/validate";
const unknownKey = { key: "DL-00000-00000-00000-00000", product: "tessellate" };

function validate(server: RunningServer, from: string, forwardedFor: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${server.url}/api/v1/licenses/validate`,
      {
        method: "POST",
        localAddress: from,
        agent: false,
        headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.on("error", reject);
    request.end(JSON.stringify(unknownKey));
  });
}

async function auditedAddress(): Promise<unknown> {
  const db = testDb();
  try {
    const row = await db.auditLog.findFirst({
      where: { action: "license.denied", targetId: surface },
      orderBy: { createdAt: "desc" },
    });
    return (row?.data as { ip?: unknown } | undefined)?.ip;
  } finally {
    await db.$disconnect();
  }
}

const evidence: (string | number)[][] = [];
test.afterAll(() => {
  recordSecurityEvidence({
    section: "access-control",
    title: "Client address with a forged X-Forwarded-For",
    columns: ["server", "client sends", "calls", "answered 429 from call", "address audited"],
    rows: evidence,
  });
});

test("a forged X-Forwarded-For does not escape the licence-check limit: the socket peer is counted", async () => {
  const server = await start();
  // 61 calls inside one clock minute (the limit's window); if the minute turns mid-burst, burst again.
  async function burst() {
    const peer = ownLoopback();
    const minute = Math.floor(Date.now() / 60_000);
    const statuses: number[] = [];
    for (let call = 1; call <= 61; call++) statuses.push(await validate(server, peer, `198.51.100.${call}`));
    return { peer, statuses, sameWindow: minute === Math.floor(Date.now() / 60_000) };
  }
  let run = await burst();
  if (!run.sameWindow) run = await burst();
  expect(run.sameWindow).toBe(true);
  const { peer, statuses } = run;
  const firstLimited = statuses.indexOf(429) + 1;
  const address = await auditedAddress();
  evidence.push([
    "TRUSTED_PROXY_HOPS unset",
    "a new forged address on every call",
    statuses.length,
    firstLimited || "never",
    String(address),
  ]);
  expect(statuses.slice(0, 60).every((status) => status === 404)).toBe(true);
  expect(statuses[60]).toBe(429);
  expect(address).toBe(peer);
});

test("behind one trusted proxy, the address that proxy appended is the client", async () => {
  const server = await start({ TRUSTED_PROXY_HOPS: "1" });
  const client = `203.0.113.${randomInt(1, 255)}`;
  // The client's own claim, then what the proxy (this socket's end) appended.
  expect(await validate(server, ownLoopback(), `1.2.3.4, ${client}`)).toBe(404);
  const address = await auditedAddress();
  evidence.push(["TRUSTED_PROXY_HOPS=1", `1.2.3.4, ${client} (as a proxy appends)`, 1, "—", String(address)]);
  expect(address).toBe(client);
});

// Next.js listens before it runs instrumentation.ts, so a hook installed there would miss the
// requests that arrive while the server starts: the very first request counts here.
test("the first request after a start is counted as its socket peer too", async () => {
  const server = await startServer(stackEnv());
  running.push(server);
  const { port } = new URL(server.url);
  const deadline = Date.now() + 30_000;
  const listening = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(Number(port), "127.0.0.1", () => (socket.destroy(), resolve(true)));
      socket.on("error", () => resolve(false));
    });
  while (!(await listening())) {
    if (Date.now() > deadline || server.child.exitCode !== null) throw new Error(server.lines.join("\n"));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const peer = ownLoopback();
  expect(await validate(server, peer, "198.51.100.99")).toBe(404);
  const address = await auditedAddress();
  evidence.push(["just started", "a forged address on its first call", 1, "—", String(address)]);
  expect(address).toBe(peer);
});
