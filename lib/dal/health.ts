import "server-only";
import { db } from "../db";
import type { PrismaClient } from "../prisma";

// Readiness: the database answers a trivial query over a pooled connection.
export async function pingDatabase(client: Pick<PrismaClient, "$queryRaw"> = db): Promise<void> {
  await client.$queryRaw`SELECT 1`;
}
