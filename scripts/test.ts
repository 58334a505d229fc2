// `npm test`: unit and integration tests (Vitest), then browser journeys (Playwright), on the
// embedded stack — or on whatever real services the environment names (e.g. DATABASE_URL).
// Ends with the one-line total "N passed, N failed".
import { execFileSync, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { profiles } from "../lib/embedded-defaults";
import { parseEnv } from "../lib/env-schema";
import { createPrismaClient } from "../lib/prisma";
import { createS3Client } from "../lib/storage/client";
import { seed } from "../prisma/seed";
import { recordSecurityEvidence } from "../tests/support/security-evidence";
import { writeSecurityReport } from "./security/report";
import { scanForSecrets, secretPatterns } from "./security/scan-secrets.mjs";
import { startStack } from "./stack";

// TEST_PORT_OFFSET runs a second suite beside the first (each on its own ports and data).
const offset = Number(process.env.TEST_PORT_OFFSET ?? 0);
const profile = offset
  ? ({
      ...Object.fromEntries(
        Object.entries(profiles.test).map(([key, value]) => [
          key,
          typeof value === "number" ? value + offset : value,
        ]),
      ),
      dataDir: `${profiles.test.dataDir}-${offset}`,
    } as typeof profiles.test)
  : profiles.test;
const reports = path.resolve(profile.dataDir, "..", `test-reports${offset ? `-${offset}` : ""}`);
// e.g. `npm test -- unit`, `npm test -- e2e`, or `npm test -- unit tests/env.test.ts` (the rest filters files)
const args = process.argv.slice(2);
const only: string[] = args.filter((arg) => arg === "unit" || arg === "e2e");
const filters = args.filter((arg) => arg !== "unit" && arg !== "e2e");
const wants = (suite: string) => only.length === 0 || only.includes(suite);
const fullRun = only.length === 0 && filters.length === 0; // only a full run rewrites SECURITY.md
const evidence = path.join(reports, "security-evidence");
process.env.SECURITY_EVIDENCE_DIR = evidence; // for this process and the suites it starts
process.env.TEST_REPORTS_DIR = reports; // where the journeys put the screenshots they take
const runLog = path.join(reports, "test-run.log"); // everything the suites print, scanned for secrets

rmSync(profile.dataDir, { recursive: true, force: true }); // every run starts from empty services
mkdirSync(reports, { recursive: true });
if (fullRun) rmSync(evidence, { recursive: true, force: true });
const log = createWriteStream(runLog);

const stack = await startStack(profile);
const config = parseEnv(stack.env);
const prisma = createPrismaClient(config.DATABASE_URL, config.DATABASE_POOL_MAX);
await seed(config, prisma, createS3Client(config));
await prisma.$disconnect();

const env = { ...process.env, ...stack.env, MAIL_UI_URL: stack.mailUi ?? "", NEXT_TELEMETRY_DISABLED: "1" };
const totals = { passed: 0, failed: 0 };

// Asynchronous on purpose: the embedded services live in (or are read by) this process.
function run(command: string[], extraEnv: Record<string, string> = {}): Promise<number> {
  const child = spawn("npx", command, { stdio: ["inherit", "pipe", "pipe"], env: { ...env, ...extraEnv } });
  child.stdout.on("data", (chunk: Buffer) => (process.stdout.write(chunk), log.write(chunk)));
  child.stderr.on("data", (chunk: Buffer) => (process.stderr.write(chunk), log.write(chunk)));
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
    const code = await run([
      "vitest",
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${file}`,
      ...filters,
    ]);
    exitCode ||= code;
    // A file that fails to load runs no test; it still counts as one failure.
    count(file, (report) => ({
      passed: report.numPassedTests,
      failed:
        report.numFailedTests +
        report.testResults.filter(
          (result: { status: string; assertionResults: unknown[] }) =>
            result.status === "failed" && result.assertionResults.length === 0,
        ).length,
    }));
  }
  if (wants("e2e")) {
    const file = path.join(reports, "playwright.json");
    rmSync(file, { force: true });
    // Always run, even after a failed unit suite: CI's totals must count every test.
    const code = await run(["playwright", "test", ...filters], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
    exitCode ||= code;
    count(file, (report) => ({
      passed: report.stats.expected + report.stats.flaky,
      // Errors outside any test (a web server that never started, a spec that fails to load)
      // count too, or a broken build would read as "0 failed".
      failed: report.stats.unexpected + (report.errors?.length ?? 0),
    }));
  }
} finally {
  await stack.stop();
  await new Promise((resolve) => log.end(resolve));
}

// Presigned URLs and secrets must never reach a log, from the app (its server logs pass through
// Playwright) or from the tests: one more check, counted in the totals.
const secrets = [
  stack.env.STRIPE_SECRET_KEY,
  ...(stack.env.STRIPE_WEBHOOK_SECRET ?? "").split(","),
  stack.env.AUTH_SECRET,
  // The licence-signing seed (after "<id>:"); test suites that sign with their own keys add none.
  ...(stack.env.LICENSE_SIGNING_KEYS ?? "").split(",").map((entry) => entry.slice(entry.indexOf(":") + 1)),
];
const scan = scanForSecrets([runLog], { exact: secrets.filter((value): value is string => Boolean(value)) });
const logLines = readFileSync(runLog, "utf8").split("\n").length;
for (const finding of scan.findings)
  console.error(`secret in the test log: ${finding.kind} (${finding.sample})`);
console.log(`secret scan of the test log: ${logLines} lines, ${scan.findings.length} findings`);
totals[scan.findings.length ? "failed" : "passed"] += 1;
if (scan.findings.length) exitCode ||= 1;
recordSecurityEvidence({
  section: "supply-chain",
  title: "Secrets in the logs of the test run",
  columns: ["log", "lines scanned", "patterns and configured secrets checked", "findings"],
  rows: [
    [
      "Vitest + Playwright + app server output",
      logLines,
      secretPatterns.length + secrets.length,
      scan.findings.length,
    ],
  ],
  counts: { "log lines scanned": logLines },
});

if (fullRun) {
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    // not a git checkout
  }
  writeSecurityReport(path.resolve("SECURITY.md"), evidence, {
    date: new Date().toISOString().slice(0, 10),
    commit,
    database: process.env.DATABASE_URL ? "PostgreSQL from DATABASE_URL" : "embedded PGlite",
    ...totals,
  });
}

console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(exitCode || (totals.failed > 0 ? 1 : 0));
