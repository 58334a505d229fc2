// Builds a Prisma client that speaks PostgreSQL through node-postgres, in production and
// against the embedded database alike. Scripts use this directly; the app uses lib/db.ts.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export function createPrismaClient(connectionString: string, poolMax = 10) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: poolMax }) });
}

export type { PrismaClient };
