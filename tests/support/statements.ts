// Counts the SQL statements the app sends: installs, as the app's own database client (the one
// lib/db.ts creates on first use), a client that reports every statement it runs.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
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
