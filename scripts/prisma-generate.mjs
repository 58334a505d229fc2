// Generates the Prisma client. The client needs no native engine; the CLI would still try to
// download the schema engine, which offline machines cannot do, so it is pointed at a no-op
// unless the caller chose an engine.
import { spawnSync } from "node:child_process";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY && process.platform !== "win32") {
  env.PRISMA_SCHEMA_ENGINE_BINARY = "/bin/false";
}
const result = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
