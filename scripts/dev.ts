// `npm run dev`: the embedded stack, migrations, demo data and the Next.js dev server.
// Ctrl-C stops everything.
import { spawn } from "node:child_process";
import { createPrismaClient } from "../lib/prisma";
import { parseEnv } from "../lib/env-schema";
import { createS3Client } from "../lib/storage/client";
import { profiles } from "../lib/embedded-defaults";
import { seed } from "../prisma/seed";
import { demoCustomer } from "../prisma/seed/catalog";
import { descendants, signalAll } from "./embedded/proctree";
import { startStack } from "./stack";

const started = Date.now();
const profile = profiles.dev;
const stack = await startStack(profile, { verbose: process.argv.includes("--verbose") });
const config = parseEnv(stack.env);
const prisma = createPrismaClient(config.DATABASE_URL, config.DATABASE_POOL_MAX);
await seed(config, prisma, createS3Client(config));
await prisma.$disconnect();

const port = stack.env.PORT ?? String(profile.appPort);
const next = spawn("npx", ["next", "dev", "--port", port], {
  stdio: ["inherit", "pipe", "inherit"],
  env: { ...process.env, ...stack.env, NEXT_TELEMETRY_DISABLED: "1" },
});

let announced = false;
next.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
  process.stdout.write(chunk);
  if (!announced && /ready|Local:/i.test(chunk)) {
    announced = true;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`
  Downlink is running (${seconds} s)
    Store      ${config.APP_URL}
    Mail       ${stack.mailUi ?? `sent through ${new URL(config.EMAIL_SERVER).host}`}
    Sign in    as ${demoCustomer.email} (owns a product) or ${config.ADMIN_EMAILS[0] ?? "an admin"}:
               enter the address at ${config.APP_URL}/signin, open the link from the mail UI.
    Buy        any product with the local checkout (no real payment).
  Ctrl-C stops everything.
`);
  }
});

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  // npx → next → next-server: signal the whole tree, not only the npx wrapper.
  if (next.pid) signalAll([...descendants(next.pid), next.pid], "SIGTERM");
  await stack.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
next.on("exit", (code) => void shutdown(code ?? 0));
