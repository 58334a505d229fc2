// Authors migrations without Prisma 7's schema engine (which cannot be downloaded offline):
// Prisma 6's JS engine diffs the schema committed at HEAD against the working copy.
//   npm run db:diff -- <migration_name>   writes prisma/migrations/<timestamp>_<name>/migration.sql
//   npm run db:diff                        only refreshes prisma/schema.sql
// Both refresh prisma/schema.sql (the schema built from empty), which the drift test compares
// with the database the migrations build. Needs any reachable PostgreSQL in DATABASE_URL
// (default: the embedded dev database); it is only read.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { embeddedEnv, profiles } from "../lib/embedded-defaults";

const root = path.resolve(import.meta.dirname, "..");
const tool = path.join(root, "tools/prisma-diff");
const schemaPath = path.join(root, "prisma/schema.prisma");

if (!existsSync(path.join(tool, "node_modules/prisma"))) {
  execFileSync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: tool, stdio: "inherit" });
}

// Prisma 6 wants the URL in the datasource block and no prisma-client generator.
function toV6(schema: string) {
  return schema
    .replace(/generator client \{[^}]*\}\n*/, "")
    .replace(/(datasource db \{[^}]*provider\s*=\s*"postgresql")/, '$1\n  url      = env("DATABASE_URL")');
}

function diff(from: string[], to: string) {
  const env = {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL ?? embeddedEnv(profiles.dev).DATABASE_URL,
    PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false",
    PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
  };
  const args = ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", to, "--script"];
  const out = spawnSync("npx", args, { cwd: tool, env, encoding: "utf8" });
  if (out.status !== 0) throw new Error(`prisma migrate diff failed:\n${out.stderr}`);
  return out.stdout;
}

const current = readFileSync(schemaPath, "utf8");
writeFileSync(path.join(tool, "schema.prisma"), toV6(current));

const hash = createHash("sha256").update(current).digest("hex");
const full = diff(["--from-empty"], "schema.prisma");
writeFileSync(path.join(root, "prisma/schema.sql"), `-- schema.prisma sha256: ${hash}\n${full}`);
console.log("refreshed prisma/schema.sql");

const name = process.argv[2];
if (name) {
  const previous = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], {
    cwd: root,
    encoding: "utf8",
  });
  writeFileSync(path.join(tool, "previous.prisma"), toV6(previous));
  const sql = diff(["--from-schema-datamodel", "previous.prisma"], "schema.prisma");
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(root, "prisma/migrations", `${stamp}_${name.replace(/\W+/g, "_")}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
}
