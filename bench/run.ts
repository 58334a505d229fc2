// `npm run bench`: starts the embedded stack (or uses the services named in the environment),
// runs the benchmarks and writes bench/results/<date>.json plus a Markdown table.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { profiles } from "../lib/embedded-defaults";
import { parseEnv } from "../lib/env-schema";
import { createPrismaClient } from "../lib/prisma";
import { createS3Client } from "../lib/storage/client";
import { seed } from "../prisma/seed";
import { startStack } from "../scripts/stack";
import { benchLinkIssuance } from "./link-issuance";
import { benchWebhooks } from "./webhooks";

const rounds = Number(process.argv[2] ?? 300);
const webhookEvents = Number(process.argv[3] ?? 1000);
const stack = await startStack(profiles.bench);
// The per-user rate limit would stop a benchmark after 20 links; it is measured, not bypassed:
// the same query and lock run, with a ceiling the run cannot reach.
Object.assign(process.env, stack.env, { DOWNLOAD_RATE_LIMIT_PER_MINUTE: "100000" });
const config = parseEnv(process.env);
const prisma = createPrismaClient(config.DATABASE_URL, config.DATABASE_POOL_MAX);
try {
  await seed(config, prisma, createS3Client(config));
  const links = await benchLinkIssuance(config, prisma, rounds);
  const webhooks = await benchWebhooks(config, prisma, webhookEvents, 20);
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      node: process.version,
      database: stack.services.some((service) => service.name === "postgres")
        ? "PGlite (embedded)"
        : "PostgreSQL (DATABASE_URL)",
    },
    linkIssuance: links,
    webhooks,
  };
  const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
  const table = [
    `| measure (n=${rounds}) | p50 | p95 | mean |`,
    "|---|---|---|---|",
    `| bare getSignedUrl (baseline) | ${fmt(links.bare.p50)} | ${fmt(links.bare.p95)} | ${fmt(links.bare.mean)} |`,
    `| issueLinkFor (entitlement + limits + audit + presign) | ${fmt(links.full.p50)} | ${fmt(links.full.p95)} | ${fmt(links.full.mean)} |`,
    `| ratio p50 | ${links.ratioP50.toFixed(1)}× | | |`,
    "",
    `| webhooks (n=${webhooks.count}, concurrency ${webhooks.concurrency}) | events/s | p50 | p95 |`,
    "|---|---|---|---|",
    `| ignored type (verify + dispatch, baseline) | ${webhooks.ignored.perSecond.toFixed(0)} | ${fmt(webhooks.ignored.p50)} | ${fmt(webhooks.ignored.p95)} |`,
    `| checkout.session.completed (order + entitlement + receipt) | ${webhooks.fulfilled.perSecond.toFixed(0)} | ${fmt(webhooks.fulfilled.p50)} | ${fmt(webhooks.fulfilled.p95)} |`,
    `| baseline / fulfilled throughput | ${webhooks.ratioThroughput.toFixed(1)}× | | |`,
  ].join("\n");
  const dir = path.resolve(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  const stamp = report.date.slice(0, 19).replace(/:/g, "-");
  writeFileSync(path.join(dir, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(
    path.join(dir, `${stamp}.md`),
    `# Benchmarks ${report.date}\n\n${report.machine.database}, ${report.machine.cpus} CPUs, Node ${report.machine.node}\n\n${table}\n`,
  );
  console.log(`${report.machine.database}\n${table}`);
} finally {
  await prisma.$disconnect();
  await stack.stop();
}
