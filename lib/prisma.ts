// Builds a Prisma client that speaks PostgreSQL through node-postgres, in production and
// against the embedded database alike. Scripts use this directly; the app uses lib/db.ts.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { isDatabaseUnavailable } from "./database-errors";
import { PrismaClient } from "./generated/prisma/client";
import {
  currentRequest,
  noteDatabaseReachable,
  noteDatabaseUnavailable,
  type RequestScope,
} from "./http/request-scope";

// Since Prisma 7 the pool is node-postgres's, whose connect timeout defaults to none: a database
// host that accepts connections but never answers (a hung server, a half-open failover) would
// hold every request forever. Five seconds is what Prisma's own engine used.
const CONNECT_TIMEOUT_MS = 5_000;

// Every query passes the pool: a connection that cannot be opened, or one that breaks under a
// query, tells the request being handled that PostgreSQL is unreachable (lib/http/outage.ts),
// whichever code asked and whatever it did with the error (next-auth swallows it, for one).
// The request is the one that asked: a queued connect is served later, from another's context.
class ObservedPool extends pg.Pool {
  private observe(error: unknown, scope: RequestScope | undefined) {
    if (isDatabaseUnavailable(error)) noteDatabaseUnavailable(scope);
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(
    callback: (
      err: Error | undefined,
      client: pg.PoolClient | undefined,
      done: (release?: unknown) => void,
    ) => void,
  ): void;
  override connect(callback?: Parameters<pg.Pool["connect"]>[0]) {
    const scope = currentRequest();
    const watch = (client: pg.PoolClient | undefined) => {
      if (!client) return client;
      noteDatabaseReachable();
      return this.watchClient(client);
    };
    if (callback)
      return super.connect((err, client, done) => {
        if (err) this.observe(err, scope);
        callback(err, watch(client), done);
      });
    return super.connect().then(watch, (error: unknown) => {
      this.observe(error, scope);
      throw error;
    }) as Promise<pg.PoolClient>;
  }

  // Queries of a pooled client: the pool's own query() (callback style) and a transaction's.
  private watchClient(client: pg.PoolClient & { [WATCHED]?: true }) {
    if (client[WATCHED]) return client;
    client[WATCHED] = true;
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      const scope = currentRequest();
      const last = args.at(-1);
      if (typeof last === "function")
        args[args.length - 1] = (error: unknown, ...rest: unknown[]) => {
          if (error) this.observe(error, scope);
          return (last as (...inner: unknown[]) => unknown)(error, ...rest);
        };
      const result = query(...args);
      if (result instanceof Promise) result.catch((error: unknown) => this.observe(error, scope));
      return result;
    }) as typeof client.query;
    return client;
  }
}
const WATCHED = Symbol("downlink.watched");

export function createPrismaClient(connectionString: string, poolMax = 10) {
  const pool = new ObservedPool({
    connectionString,
    max: poolMax,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

export type { PrismaClient };
