import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres } from "../scripts/embedded/postgres";
import { assertPortFree, freePort, type Service } from "../scripts/embedded/process";

let dataDir: string;
let port: number;
let server: Service | undefined;

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: server!.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "downlink-pg-"));
  port = await freePort();
  server = await startPostgres({ port, dataDir });
});

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("embedded Postgres", () => {
  it("speaks PostgreSQL over TCP", async () => {
    const [{ version }] = await query<{ version: string }>("SELECT version()");
    expect(version).toMatch(/^PostgreSQL \d+/);
  });

  it("serves several connections at once", async () => {
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => query<{ n: number }>(`SELECT ${n} AS n`)));
    expect(results.map((rows) => rows[0].n)).toEqual([1, 2, 3, 4, 5]);
  });

  it("keeps data across a restart on the same directory", async () => {
    await query("CREATE TABLE release (id int PRIMARY KEY, name text NOT NULL)");
    await query("INSERT INTO release VALUES (1, 'v1.0.0')");
    await server!.stop();
    await assertPortFree(port, "postgres");
    server = await startPostgres({ port, dataDir });
    expect(await query("SELECT id, name FROM release")).toEqual([{ id: 1, name: "v1.0.0" }]);
  });

  it("refuses a taken port or a data directory in use, naming it", async () => {
    await expect(startPostgres({ port, dataDir: path.join(dataDir, "other") })).rejects.toThrow(
      `port ${port} on 127.0.0.1 is already in use`,
    );
    await expect(startPostgres({ port: await freePort(), dataDir })).rejects.toThrow(
      `${path.join(dataDir, "pg")} is already used by process`,
    );
  });
});
