import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePlatform } from "../lib/platforms";
import { applyMigrations, listMigrations } from "../scripts/migrate";
import { config } from "./support/fixtures";

// A catalog fingerprint of one schema: tables, columns, types, nullability, defaults,
// indexes, constraints and enums, in a stable order.
async function fingerprint(client: pg.Client, schema: string) {
  const queries = [
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, column_name`,
    `SELECT tablename, indexname, regexp_replace(indexdef, ' ON [^ ]+\\.', ' ON ') AS def
       FROM pg_indexes WHERE schemaname = $1 ORDER BY tablename, indexname`,
    `SELECT rel.relname, con.conname, con.contype, pg_get_constraintdef(con.oid) AS def
       FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace ns ON ns.oid = rel.relnamespace
      WHERE ns.nspname = $1 ORDER BY rel.relname, con.conname`,
    `SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace ns ON ns.oid = t.typnamespace
      WHERE ns.nspname = $1 ORDER BY t.typname, e.enumsortorder`,
  ];
  const results = [];
  for (const sql of queries) {
    const { rows } = await client.query(sql, [schema]);
    results.push(JSON.stringify(rows).replaceAll(`\\"${schema}\\".`, "").replaceAll(`${schema}.`, ""));
  }
  return results;
}

// Builds a schema in its own namespace on one connection, leaving the search_path as it was.
async function build(client: pg.Client, schema: string, sql: string[]) {
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; CREATE SCHEMA "${schema}"`);
  await client.query(`SET search_path TO "${schema}"`);
  try {
    for (const statement of sql)
      await client.query(statement.replaceAll('CREATE SCHEMA IF NOT EXISTS "public";', ""));
  } finally {
    await client.query("RESET search_path");
  }
}

describe("migrations", () => {
  const client = new pg.Client({ connectionString: config.DATABASE_URL });
  beforeAll(() => client.connect());
  afterAll(async () => {
    await client.query(
      'DROP SCHEMA IF EXISTS "drift_migrated" CASCADE; DROP SCHEMA IF EXISTS "drift_schema" CASCADE; DROP SCHEMA IF EXISTS "platform_list" CASCADE',
    );
    await client.end();
  });

  it("prisma/schema.sql was generated from the current schema.prisma (run `npm run db:diff` after editing it)", () => {
    const schema = readFileSync("prisma/schema.prisma");
    const header = readFileSync("prisma/schema.sql", "utf8").split("\n")[0];
    expect(header).toBe(`-- schema.prisma sha256: ${createHash("sha256").update(schema).digest("hex")}`);
  });

  it("build the same database as schema.prisma describes", async () => {
    await build(
      client,
      "drift_migrated",
      listMigrations().map((migration) => migration.sql),
    );
    await build(client, "drift_schema", [readFileSync("prisma/schema.sql", "utf8")]);
    const migrated = await fingerprint(client, "drift_migrated");
    expect(migrated[0].length).toBeGreaterThan(1000); // the schemas are not empty
    expect(migrated).toEqual(await fingerprint(client, "drift_schema"));
  });

  it("turn every product into one tier and keep every entitlement's key, machines and update window", async () => {
    const migrations = listMigrations();
    const tiers = migrations.findIndex((migration) => migration.name.endsWith("_product_tiers"));
    expect(tiers).toBeGreaterThan(0);
    const before = migrations.slice(0, tiers).map((migration) => migration.sql);
    await build(client, "tiers_upgrade", before);
    await client.query(`SET search_path TO "tiers_upgrade"`);
    try {
      await client.query(`INSERT INTO "Product" ("id", "slug", "name", "priceCents", "currency", "activationLimit", "updateMonths", "updatedAt")
        VALUES ('p1', 'keyed', 'Keyed', 1900, 'jpy', 3, 12, now()), ('p2', 'open', 'Open', 500, 'usd', NULL, NULL, now())`);
      await client.query(`INSERT INTO "Entitlement" ("id", "productId", "source", "updatesUntil", "updatedAt")
        VALUES ('e1', 'p1', 'manual', '2027-01-01', now()), ('e2', 'p2', 'stripe', NULL, now())`);
      await client.query(`INSERT INTO "License" ("id", "entitlementId", "key", "updatedAt")
        VALUES ('l1', 'e1', 'DL-AAAAA-BBBBB-CCCCC-DDDDD', now()), ('l2', 'e2', 'DL-EEEEE-FFFFF-GGGGG-HHHHH', now())`);
      await client.query(migrations[tiers].sql);
      const { rows } = await client.query(`SELECT e."id", e."seats", e."updatesUntil", l."key",
          t."name", t."priceCents", t."currency", t."machinesPerSeat", t."updateMonths", t."perSeat"
        FROM "Entitlement" e JOIN "License" l ON l."entitlementId" = e."id" JOIN "ProductTier" t ON t."id" = e."tierId"
        ORDER BY e."id"`);
      expect(rows).toEqual([
        {
          id: "e1",
          seats: 1,
          updatesUntil: new Date("2027-01-01T00:00:00.000Z"),
          key: "DL-AAAAA-BBBBB-CCCCC-DDDDD",
          name: "Standard",
          priceCents: 1900,
          currency: "jpy",
          machinesPerSeat: 3,
          updateMonths: 12,
          perSeat: false,
        },
        {
          id: "e2",
          seats: 1,
          updatesUntil: null,
          key: "DL-EEEEE-FFFFF-GGGGG-HHHHH",
          name: "Standard",
          priceCents: 500,
          currency: "usd",
          machinesPerSeat: null,
          updateMonths: null,
          perSeat: false,
        },
      ]);
    } finally {
      await client.query('RESET search_path; DROP SCHEMA IF EXISTS "tiers_upgrade" CASCADE');
    }
  });

  it("are recorded like `prisma migrate deploy` records them, and re-running applies nothing", async () => {
    expect(await applyMigrations(config.DATABASE_URL)).toEqual([]);
    const { rows } = await client.query(
      `SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((row) => [row.migration_name, row.checksum, row.applied_steps_count])).toEqual(
      listMigrations().map((migration) => [migration.name, migration.checksum, 1]),
    );
    expect(rows.every((row) => row.finished_at)).toBe(true);
  });

  // Names stored before the platform list, as sellers and the CLI wrote them.
  const MAPPABLE = [
    ...["Windows", "windows", "WINDOWS", " win ", "Win32", "win64", "windows-arm64", "Windows (x86_64)"],
    ...["macOS", "mac", "Mac OS X", "OSX", "darwin-arm64", "macOS (Apple Silicon)", "macOS Intel"],
    ...[
      "macos_universal",
      "Linux",
      "linux-x86_64",
      "Linux x86-64",
      "linux_aarch64",
      "Linux ARM64",
      "amd64/linux",
    ],
  ];
  const UNMAPPABLE = [
    "FreeBSD",
    "Source code",
    "Windows 32-bit",
    "windows linux",
    "macOS arm64 x64",
    "x64",
    "",
  ];

  it("normalise stored platform names as the API reads them, or stop naming what they cannot map", async () => {
    const platformList = listMigrations().find((m) => m.name === "20261202_220000_platform_list")!;
    const earlier = listMigrations().filter((m) => m.name < platformList.name);
    await build(client, "platform_list", [
      ...earlier.map((migration) => migration.sql),
      `INSERT INTO "Product" (id, slug, name, "updatedAt") VALUES ('p1', 'p1', 'P1', now());
       INSERT INTO "Release" (id, "productId", version) VALUES ('r1', 'p1', '1.0.0');`,
    ]);
    const names = [...MAPPABLE, ...UNMAPPABLE];
    const inSchema = async (sql: string, values: unknown[] = []) => {
      await client.query('SET search_path TO "platform_list"');
      try {
        return await client.query(sql, values);
      } finally {
        await client.query("RESET search_path");
      }
    };
    for (const [index, name] of names.entries()) {
      await inSchema(
        `INSERT INTO "ReleaseFile" (id, "releaseId", platform, filename, "objectKey", "sizeBytes")
         VALUES ($1, 'r1', $2, 'tool.zip', $1, 1)`,
        [`f${index}`, name],
      );
    }

    // Refused whole: the error names each unmappable name, and the column is still text.
    const refusal = await inSchema(platformList.sql).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(refusal).toContain("not on the platform list");
    const listed = [...refusal!.matchAll(/'((?:[^']|'')*)' \(1 files\)/g)].map((match) => match[1]);
    expect(listed.sort()).toEqual([...UNMAPPABLE].sort());
    const column = await inSchema(
      `SELECT data_type FROM information_schema.columns WHERE table_schema = 'platform_list' AND table_name = 'ReleaseFile' AND column_name = 'platform'`,
    );
    expect(column.rows).toEqual([{ data_type: "text" }]);
    expect(UNMAPPABLE.map(parsePlatform)).toEqual(UNMAPPABLE.map(() => null));

    // Without them, every name becomes what parsePlatform reads it as.
    await inSchema(`DELETE FROM "ReleaseFile" WHERE platform = ANY($1)`, [UNMAPPABLE]);
    await inSchema(platformList.sql);
    const { rows } = await inSchema(`SELECT id, platform FROM "ReleaseFile" ORDER BY id`);
    const stored = Object.fromEntries(rows.map((row) => [row.id, row.platform]));
    expect(MAPPABLE.map((name) => [name, stored[`f${MAPPABLE.indexOf(name)}`]])).toEqual(
      MAPPABLE.map((name) => [name, parsePlatform(name)]),
    );
    expect(new Set(Object.values(stored)).size).toBeGreaterThan(6); // many platforms, not one fallback
  });
});
