// PostgreSQL unreachable during a request, at the server's own layer (lib/http/server-hooks.ts):
// a real HTTP server with the app's request hooks, a real database client pointed at a port where
// nothing listens, and handlers that do what routes do with the error. The whole app under a real
// outage is e2e/faults-under-load.spec.ts.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../scripts/embedded/process";
import { postgresUrl } from "../scripts/embedded/postgres";
import { handleRequest } from "../lib/http/server-hooks";
import { currentRequest } from "../lib/http/request-scope";
import { createPrismaClient, type PrismaClient } from "../lib/prisma";
import { faultEvidence } from "./support/faults";

const evidence = faultEvidence("PostgreSQL unreachable while a request is handled");
let dead: PrismaClient;
let origin: string;
let close: () => Promise<void>;

// What each path's handler does once its query failed: answer 500 as Next.js does for an error
// nobody caught, answer a deliberate 503 as /api/ready does, or fail for another reason.
const handlers: Record<string, (response: ServerResponse) => Promise<void>> = {
  "/page": async (response) => {
    await dead.user.count().catch(() => undefined);
    response.setHeader("Set-Cookie", "next-auth.session-token=; Max-Age=0");
    response.statusCode = 500;
    response.setHeader("Content-Type", "text/html");
    response.write("<html>Internal Server Error");
    response.end("</html>");
  },
  "/transaction": async (response) => {
    await dead.$transaction(async (tx) => tx.user.count()).catch(() => undefined);
    response.writeHead(500, { "Content-Type": "application/json" }).end('{"error":"internal"}');
  },
  "/ready": async (response) => {
    await dead.user.count().catch(() => undefined);
    response
      .writeHead(503, { "Content-Type": "application/json" })
      .end('{"ready":false,"failed":["database"]}');
  },
  "/bug": async (response) => {
    response.writeHead(500, { "Content-Type": "text/plain" }).end("a bug, not an outage");
  },
  "/id": async (response) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    response.end(currentRequest()?.requestId ?? "none");
  },
};

beforeAll(async () => {
  dead = createPrismaClient(postgresUrl(await freePort()), 2);
  const app = (request: IncomingMessage, response: ServerResponse) =>
    void handlers[new URL(request.url!, "http://x").pathname](response);
  const server = createServer((request, response) =>
    handleRequest(request, response, () => (app(request, response), true)),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterAll(async () => {
  evidence.write();
  await dead?.$disconnect();
  await close?.();
});

const ask = async (path: string, accept = "application/json") => {
  const response = await fetch(`${origin}${path}`, { headers: { accept } });
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    type: response.headers.get("content-type"),
    cookie: response.headers.get("set-cookie"),
    requestId: response.headers.get("x-request-id"),
    body: await response.text(),
  };
};

describe("a request that meets a database outage", () => {
  it("answers 503 with Retry-After, a page for browsers and JSON for API clients, and passes deliberate answers", async () => {
    const bug = await ask("/bug"); // while PostgreSQL answers, a 500 stays a 500
    const browser = await ask("/page", "text/html,application/xhtml+xml");
    const api = await ask("/transaction");
    const ready = await ask("/ready");
    const shown = (answer: typeof browser) =>
      `${answer.status} Retry-After ${answer.retryAfter ?? "none"} (${answer.type})`;
    const ok =
      browser.status === 503 &&
      browser.retryAfter === "10" &&
      browser.body.includes("temporarily unavailable") &&
      browser.body.includes(browser.requestId!) &&
      browser.cookie === null &&
      api.status === 503 &&
      JSON.parse(api.body).error === "unavailable" &&
      ready.status === 503 &&
      ready.body.includes('"failed":["database"]') &&
      bug.status === 500;
    evidence.row(
      "connection refused by PostgreSQL while a page, an API route in a transaction, /api/ready and a plain bug answer",
      `browser page: ${shown(browser)}, session cookie ${browser.cookie ? "cleared" : "untouched"}; API: ${shown(api)} ${api.body.slice(0, 40)}; /api/ready's own 503 kept; a 500 before the outage stays ${bug.status}`,
      "503 + Retry-After (HTML for browsers, JSON otherwise) for what failed on the database; everything else as the app answered",
      ok,
    );
    expect(browser).toMatchObject({
      status: 503,
      retryAfter: "10",
      type: "text/html; charset=utf-8",
      cookie: null,
    });
    expect(browser.body).toContain("temporarily unavailable");
    expect(browser.body).toContain(browser.requestId!);
    expect(api).toMatchObject({ status: 503, retryAfter: "10", type: "application/json" });
    expect(JSON.parse(api.body)).toMatchObject({ error: "unavailable", requestId: api.requestId });
    expect(ready).toMatchObject({ status: 503, body: '{"ready":false,"failed":["database"]}' });
    expect(bug).toMatchObject({ status: 500, body: "a bug, not an outage" });
  });

  it("gives each request an id, kept when the caller sent a sane one, echoed in x-request-id", async () => {
    const fresh = await ask("/id");
    const sent = await fetch(`${origin}/id`, { headers: { "x-request-id": "lb-0123456789abcdef" } });
    expect(fresh.body).toBe(fresh.requestId);
    expect(fresh.body).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.headers.get("x-request-id")).toBe("lb-0123456789abcdef");
    expect(await sent.text()).toBe("lb-0123456789abcdef");
  });
});
