// Counts the SQL statements the app sends: installs, as the app's own database client (the one
// lib/db.ts creates on first use), a client that reports every statement it runs.
import { PrismaPg } from "@prisma/adapter-pg";
import { startPgCounter, throughCounter } from "../../bench/pg-counter";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { createPrismaClient } from "../../lib/prisma";
import { config } from "./fixtures";

export function countStatements() {
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_MAX }),
    log: [{ emit: "event", level: "query" }],
  });
  const counter = { count: 0, disconnect: () => client.$disconnect() };
  client.$on("query", () => {
    counter.count += 1;
  });
  (globalThis as unknown as { prisma?: PrismaClient }).prisma = client;
  return counter;
}

// Counts round trips on the wire (bench/pg-counter.ts): installs, as the app's own database
// client, one that talks to PostgreSQL through a relay counting every Sync and simple Query,
// BEGIN, COMMIT and advisory locks included. `during` counts what one piece of work sends.
export async function countRoundTrips() {
  const relay = await startPgCounter(throughCounter(config.DATABASE_URL, 0).upstream);
  const client = createPrismaClient(
    throughCounter(config.DATABASE_URL, relay.port).url,
    config.DATABASE_POOL_MAX,
  );
  (globalThis as unknown as { prisma?: PrismaClient }).prisma = client;
  return {
    during: async <T>(work: () => Promise<T>) => {
      const before = relay.counts.roundTrips;
      const value = await work();
      return { value, roundTrips: relay.counts.roundTrips - before };
    },
    capture: relay.capture,
    stop: async () => {
      await client.$disconnect();
      await relay.stop();
    },
  };
}
