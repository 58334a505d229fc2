import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { spawnService, type Service } from "./process";

export type PostgresOptions = { port: number; dataDir: string; verbose?: boolean; timeoutMs?: number };

export function postgresUrl(port: number): string {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

// PGlite serves a single session; the default of one connection drops every extra client.
export async function startPostgres({
  port,
  dataDir,
  verbose,
  timeoutMs,
}: PostgresOptions): Promise<Service> {
  const dbDir = path.resolve(dataDir, "pg");
  mkdirSync(dbDir, { recursive: true });
  // The package exports no subpath for its CLI, so locate it beside the resolved entry point.
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite-socket");
  const server = path.join(path.dirname(entry), "scripts", "server.js");
  const url = postgresUrl(port);
  return spawnService({
    name: "postgres",
    url,
    command: process.execPath,
    args: [server, `--db=${dbDir}`, "--host=127.0.0.1", `--port=${port}`, "--max-connections=100"],
    ports: [port],
    dataDir: dbDir,
    verbose,
    timeoutMs,
    ready: async () => {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
      try {
        await client.connect();
        await client.query("SELECT 1");
        return true;
      } finally {
        await client.end().catch(() => {});
      }
    },
  });
}
