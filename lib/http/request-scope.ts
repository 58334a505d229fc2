// What the app knows about the request it is handling, from the moment the Node.js server
// receives it until its last `after()` task: its id (for every log line, next-auth's and Next.js's
// own included, lib/log.ts) and whether PostgreSQL failed to answer during it (lib/http/outage.ts).
// It lives in one AsyncLocalStorage on globalThis, because Next.js bundles lib/ into several
// chunks and each must read the same store.
import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage } from "node:http";
import { REQUEST_ID_HEADER, requestIdFor } from "./request-id";

export type RequestScope = { requestId: string; databaseUnavailable: boolean };

const STORE = Symbol.for("downlink.request-scope");
const registry = globalThis as { [STORE]?: AsyncLocalStorage<RequestScope> };
const storage = (registry[STORE] ??= new AsyncLocalStorage<RequestScope>());

export const currentRequest = (): RequestScope | undefined => storage.getStore();

// The id a caller or load balancer sent, if it is a sane token, or a fresh one; written back into
// the request so that proxy.ts and the route handlers see the same id.
export function scopeFor(request: IncomingMessage): RequestScope {
  const sent = request.headers[REQUEST_ID_HEADER];
  const requestId = requestIdFor(Array.isArray(sent) ? sent[0] : sent);
  request.headers[REQUEST_ID_HEADER] = requestId;
  return { requestId, databaseUnavailable: false };
}

export const runInScope = <T>(scope: RequestScope, work: () => T): T => storage.run(scope, work);

// Reported by the database pool (lib/prisma.ts). A request is marked when its own query failed to
// reach PostgreSQL; the process also remembers that PostgreSQL is unreachable until a connection
// opens again, because a failure can reach a request through a query it shares with another (a
// pooled connect served from the pool's queue, Prisma's batched lookups).
const STATE = Symbol.for("downlink.database-state");
const state = ((globalThis as { [STATE]?: { down: boolean } })[STATE] ??= { down: false });

export function noteDatabaseUnavailable(scope = storage.getStore()) {
  state.down = true;
  if (scope) scope.databaseUnavailable = true;
}

export function noteDatabaseReachable() {
  state.down = false;
}

export const metDatabaseOutage = (scope: RequestScope) => scope.databaseUnavailable || state.down;
