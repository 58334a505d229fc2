// `npm test`: unit and integration tests (Vitest), then browser journeys (Playwright), on the
// embedded stack — or on whatever real services the environment names (e.g. DATABASE_URL).
// Ends with the one-line total "N passed, N failed".
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { profiles } from "../lib/embedded-defaults";
import { parseEnv } from "../lib/env-schema";
import { createPrismaClient } from "../lib/prisma";
import { createS3Client } from "../lib/storage/client";
import { seed } from "../prisma/seed";
import { startStack } from "./stack";

// TEST_PORT_OFFSET runs a second suite beside the first (each on its own ports and data).
const offset = Number(process.env.TEST_PORT_OFFSET ?? 0);
const profile = offset
  ? {
      ...Object.fromEntries(Object.entries(profiles.test).map(([key, value]) => [key, typeof value === "number" ? value + offset : value])),
      dataDir: `${profiles.test.dataDir}-${offset}`,
    } as typeof profiles.test
  : profiles.test;
const reports = path.resolve(profile.dataDir, "..", `test-reports${offset ? `-${offset}` : ""}`);
// e.g. `npm test -- unit`, `npm test -- e2e`, or `npm test -- unit tests/env.test.ts` (the rest filters files)
const args = process.argv.slice(2);
const only: string[] = args.filter((arg) => arg === "unit" || arg === "e2e");
const filters = args.filter((arg) => arg !== "unit" && arg !== "e2e");
const wants = (suite: string) => only.length === 0 || only.includes(suite);

rmSync(profile.dataDir, { recursive: true, force: true }); // every run starts from empty services
mkdirSync(reports, { recursive: true });

const stack = await startStack(profile);
const config = parseEnv(stack.env);
const prisma = createPrismaClient(config.DATABASE_URL, config.DATABASE_POOL_MAX);
await seed(config, prisma, createS3Client(config));
await prisma.$disconnect();

const env = { ...process.env, ...stack.env, MAIL_UI_URL: stack.mailUi ?? "", NEXT_TELEMETRY_DISABLED: "1" };
const totals = { passed: 0, failed: 0 };

// Asynchronous on purpose: the embedded services live in (or are read by) this process.
function run(command: string[], extraEnv: Record<string, string> = {}): Promise<number> {
  const child = spawn("npx", command, { stdio: "inherit", env: { ...env, ...extraEnv } });
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- two foreign JSON report formats
function count(file: string, read: (report: any) => { passed: number; failed: number }) {
  try {
    const numbers = read(JSON.parse(readFileSync(file, "utf8")));
    totals.passed += numbers.passed;
    totals.failed += numbers.failed;
  } catch {
    totals.failed += 1; // no report means the suite itself broke
    console.error(`no test report at ${file}`);
  }
}

let exitCode = 0;
try {
  if (wants("unit")) {
    const file = path.join(reports, "vitest.json");
    rmSync(file, { force: true });
    exitCode ||= await run(["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`, ...filters]);
    count(file, (report) => ({ passed: report.numPassedTests, failed: report.numFailedTests }));
  }
  if (wants("e2e")) {
    const file = path.join(reports, "playwright.json");
    rmSync(file, { force: true });
    exitCode ||= await run(["playwright", "test", ...filters], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
    count(file, (report) => ({
      passed: report.stats.expected + report.stats.flaky,
      failed: report.stats.unexpected,
    }));
  }
} finally {
  await stack.stop();
}

console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(exitCode || (totals.failed > 0 ? 1 : 0));
