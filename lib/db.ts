// The app's Prisma client, created on first use so that `next build` needs no database.
// Only lib/dal/* imports it.
import "server-only";
import { env } from "./env";
import { createPrismaClient, type PrismaClient } from "./prisma";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  globalForPrisma.prisma ??= createPrismaClient(env().DATABASE_URL, env().DATABASE_POOL_MAX);
  return globalForPrisma.prisma;
}

export const db = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const value = Reflect.get(client(), property);
    return typeof value === "function" ? value.bind(client()) : value;
  },
});

// Closes the pool after the last request of a graceful shutdown (lib/boot.ts).
export async function disconnectDatabase(): Promise<void> {
  const prisma = globalForPrisma.prisma;
  globalForPrisma.prisma = undefined;
  await prisma?.$disconnect();
}
