// What the Node.js server does with every request before Next.js sees it, installed once per
// process (by server.js before Next.js loads, scripts/standalone-assets.mjs, and by
// instrumentation.ts, which also covers `next dev`):
// - appends the socket peer to X-Forwarded-For (lib/http/peer-address.ts);
// - gives the request its id and its scope (lib/http/request-scope.ts), echoed as x-request-id;
// - refuses a path that is not valid percent-encoding with 400: Next.js decodes the path to match
//   a dynamic route before proxy.ts runs, and answers such a path with a bare 500 and no log line
//   (vercel/next.js#92527);
// - answers a request that failed because PostgreSQL was unreachable with 503 (lib/http/outage.ts).
import http from "node:http";
import https from "node:https";
import { answerOutagesOf } from "./outage";
import { appendPeerAddress } from "./peer-address";
import { REQUEST_ID_HEADER } from "./request-id";
import { runInScope, scopeFor, type RequestScope } from "./request-scope";

const INSTALLED = Symbol.for("downlink.server-hooks-installed");

export function undecodablePath(url: string | undefined): boolean {
  const path = (url ?? "/").split(/[?#]/, 1)[0];
  try {
    for (const segment of path.split("/")) decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
}

function refuseUndecodable(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  scope: RequestScope,
) {
  const body = JSON.stringify({
    error: "invalid_input",
    message: "The path is not valid percent-encoding.",
    requestId: scope.requestId,
  });
  response.writeHead(400, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    Connection: "close",
  });
  response.end(body);
  // The production server writes console lines as JSON, with this request's id (lib/boot.ts).
  console.warn(
    `request refused (400): invalid percent-encoding in ${request.method} ${request.url?.slice(0, 200)}`,
  );
}

export function handleRequest(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  next: () => boolean,
) {
  appendPeerAddress(request);
  const scope = scopeFor(request);
  response.setHeader(REQUEST_ID_HEADER, scope.requestId);
  return runInScope(scope, () => {
    if (undecodablePath(request.url)) {
      refuseUndecodable(request, response, scope);
      return true;
    }
    answerOutagesOf(request, response, scope);
    return next();
  });
}

// The servers are created before register() runs, so the hook goes on the prototypes' emit,
// where every "request" event passes.
export function installServerHooks() {
  const registry = globalThis as { [INSTALLED]?: true };
  if (registry[INSTALLED]) return;
  registry[INSTALLED] = true;
  for (const Server of [http.Server, https.Server]) {
    const emit = Server.prototype.emit;
    Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
      const forward = () => emit.apply(this, [event, ...args] as Parameters<typeof emit>);
      if (event !== "request") return forward();
      return handleRequest(args[0] as http.IncomingMessage, args[1] as http.ServerResponse, forward);
    } as typeof emit;
  }
}
