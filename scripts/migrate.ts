// Applies prisma/migrations/*/migration.sql the way `prisma migrate deploy` does, without
// Prisma's schema engine: same advisory lock, same _prisma_migrations rows and checksums,
// so `prisma migrate deploy` / `migrate status` agree with a database migrated here.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const migrationsDir = path.resolve(import.meta.dirname, "../prisma/migrations");
const PRISMA_LOCK_KEY = 72707369;

const ledgerDdl = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export function listMigrations() {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_LOCK_KEY]);
    await client.query(ledgerDdl);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
    }>(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`);
    const failed = rows.find((row) => row.finished_at === null);
    if (failed)
      throw new Error(
        `Migration ${failed.migration_name} failed earlier; resolve it before migrating again.`,
      );
    const done = new Map(rows.map((row) => [row.migration_name, row.checksum]));

    for (const migration of listMigrations()) {
      const checksum = done.get(migration.name);
      if (checksum) {
        if (checksum !== migration.checksum)
          console.warn(`warning: ${migration.name} was edited after it was applied`);
        continue;
      }
      await client.query("BEGIN");
      try {
        const id = randomUUID();
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
          [id, migration.checksum, migration.name],
        );
        await client.query(migration.sql);
        await client.query(
          `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
        await client.query("COMMIT");
        applied.push(migration.name);
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_LOCK_KEY]).catch(() => {});
    await client.end();
  }
  return applied;
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const { embeddedEnv, profiles } = await import("../lib/embedded-defaults");
  const url = process.env.DATABASE_URL ?? embeddedEnv(profiles.dev).DATABASE_URL;
  const applied = await applyMigrations(url);
  console.log(applied.length ? `applied ${applied.join(", ")}` : "database is up to date");
}
