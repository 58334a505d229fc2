// The one answer to a request that failed because PostgreSQL could not be reached: 503 with
// Retry-After, a plain page for browsers and `{ error: "unavailable" }` for everyone else,
// whichever route, page or server action it was. Route code needs nothing for it: the pool marks
// the request (lib/prisma.ts → lib/http/request-scope.ts) and, when the app then answers 500, the
// server sends this instead (lib/http/server-hooks.ts). Deliberate answers (a 503 from /api/ready,
// a 4xx) pass unchanged.
import type { IncomingMessage, ServerResponse } from "node:http";
import { metDatabaseOutage, type RequestScope } from "./request-scope";

// PostgreSQL restarts and failovers take seconds; /api/ready tells a load balancer sooner.
export const DATABASE_RETRY_AFTER_SECONDS = 10;
const MESSAGE = "The store cannot reach its database right now. Please try again in a few seconds.";

const wantsHtml = (request: IncomingMessage) =>
  (request.headers.accept ?? "").includes("text/html") && !request.headers["next-action"];

function outageBody(request: IncomingMessage, requestId: string) {
  if (!wantsHtml(request))
    return {
      type: "application/json",
      body: JSON.stringify({ error: "unavailable", message: MESSAGE, requestId }),
    };
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Temporarily unavailable · Downlink</title></head>
<body><main><h1>Downlink is temporarily unavailable</h1>
<p>${MESSAGE} Nothing you did caused this, and you are still signed in.</p>
<p><a href="">Try again</a></p>
<p><small>Request ${requestId}</small></p></main></body></html>
`;
  return { type: "text/html; charset=utf-8", body: html };
}

// Headers of the answer being replaced that describe its body or would change the visitor's state.
const REPLACED = [
  "content-length",
  "content-encoding",
  "content-type",
  "transfer-encoding",
  "etag",
  "set-cookie",
];

// Wraps one response: its head is decided when the app first sends it (writeHead, or the first
// write or end), and a 500 of a request that met the outage becomes the answer above.
export function answerOutagesOf(request: IncomingMessage, response: ServerResponse, scope: RequestScope) {
  const { writeHead, write, end } = response;
  let replaced: boolean | undefined;
  const decide = (status: number) => {
    replaced ??= status === 500 && metDatabaseOutage(scope);
    if (!replaced || response.headersSent) return replaced;
    for (const name of REPLACED) response.removeHeader(name);
    const { type, body } = outageBody(request, scope.requestId);
    pending = body;
    writeHead.call(response, 503, {
      "Content-Type": type,
      "Content-Length": Buffer.byteLength(body),
      "Cache-Control": "no-store",
      "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS),
    });
    return true;
  };
  let pending = "";
  response.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    if (decide(status)) return this;
    return writeHead.apply(this, [status, ...rest] as Parameters<typeof writeHead>);
  } as typeof writeHead;
  response.write = function (this: ServerResponse, ...args: unknown[]) {
    if (!decide(this.statusCode)) return write.apply(this, args as Parameters<typeof write>);
    const callback = args.find((arg) => typeof arg === "function") as (() => void) | undefined;
    if (callback) process.nextTick(callback);
    return true; // the app's own body is dropped
  } as typeof write;
  response.end = function (this: ServerResponse, ...args: unknown[]) {
    if (!decide(this.statusCode)) return end.apply(this, args as Parameters<typeof end>);
    const callback = args.find((arg) => typeof arg === "function") as (() => void) | undefined;
    const body = pending;
    pending = "";
    return end.call(this, body, "utf8", callback);
  } as typeof end;
}
