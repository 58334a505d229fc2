// Builds a Prisma client that speaks PostgreSQL through node-postgres, in production and
// against the embedded database alike. Scripts use this directly; the app uses lib/db.ts.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

// Since Prisma 7 the pool is node-postgres's, whose connect timeout defaults to none: a database
// host that accepts connections but never answers (a hung server, a half-open failover) would
// hold every request forever. Five seconds is what Prisma's own engine used.
const CONNECT_TIMEOUT_MS = 5_000;

export function createPrismaClient(connectionString: string, poolMax = 10) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: poolMax, connectionTimeoutMillis: CONNECT_TIMEOUT_MS }),
  });
}

export type { PrismaClient };
