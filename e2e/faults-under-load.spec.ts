// Faults under load, on the production build and a PostgreSQL server of this suite's own
// (e2e/support/private-postgres.ts): a webhook storm with the app server killed halfway, then
// mixed traffic while PostgreSQL is stopped, with malformed requests among it. Small sizes, so
// it stays within about a minute; docs/faults.md has the figures of larger runs.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { parseEnv } from "../lib/env-schema";
import { createPrismaClient, type PrismaClient } from "../lib/prisma";
import { createS3Client } from "../lib/storage/client";
import { demoCollector } from "../prisma/seed/catalog";
import { seed } from "../prisma/seed";
import { applyMigrations } from "../scripts/migrate";
import { faultEvidence } from "../tests/support/faults";
import {
  deliver,
  inParallel,
  receiptsTo,
  runScript,
  startSlowRelay,
  statuses,
  stripeStandIn,
} from "./support/load";
import { jsonLines, startServer, waitForHealth, type RunningServer } from "./production-server";
import { startPrivatePostgres, type PrivatePostgres } from "./support/private-postgres";
import { outageLoad } from "./support/outage-load";

// ×3 deliveries each; FAULTS_STORM_SESSIONS=100 repeats the storm (docs/faults.md).
const SESSIONS = Number(process.env.FAULTS_STORM_SESSIONS ?? 40);
const evidence = faultEvidence("Faults under load (production build)");
const tag = randomBytes(3).toString("hex");
let database: PrivatePostgres;
let prisma: PrismaClient;
let server: RunningServer;
let smtp: Awaited<ReturnType<typeof startSlowRelay>>;
const lines: string[] = []; // every server's output, across restarts

const env = () => ({
  ...Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("PLAYWRIGHT") && key !== "NODE_OPTIONS"),
  ),
  DATABASE_URL: database.url,
  EMAIL_SERVER: smtp.url,
  DATABASE_POOL_MAX: database.kind.startsWith("PostgreSQL") ? "10" : "1",
  TRUSTED_PROXY_HOPS: "1", // the load names its own client addresses, so no per-address limit trips
  DOWNLOAD_RATE_LIMIT_PER_MINUTE: "100000",
});

async function startApp() {
  server = await startServer(env());
  server.child.stdout?.on("data", (chunk: Buffer) => lines.push(...chunk.toString().split("\n")));
  server.child.stderr?.on("data", (chunk: Buffer) => lines.push(...chunk.toString().split("\n")));
  await waitForHealth(server);
}

// Receipts still queued, or claimed by a sender that is alive (since the restart).
const inFlightSince = (restarted: Date) =>
  prisma.outboxEmail.count({
    where: {
      kind: "receipt",
      OR: [{ status: "pending" }, { status: "sending", claimedAt: { gte: restarted } }],
    },
  });

test.describe.configure({ mode: "serial", timeout: 300_000 });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  database = await startPrivatePostgres();
  smtp = await startSlowRelay(new URL(process.env.EMAIL_SERVER!), 100);
  await applyMigrations(database.url);
  const config = parseEnv(env());
  prisma = createPrismaClient(database.url, 4);
  await seed(config, prisma, createS3Client(config));
  evidence.note(`Database: ${database.kind}, private to this suite.`);
  await startApp();
});
test.afterAll(async () => {
  evidence.write();
  await server?.stop();
  await prisma?.$disconnect();
  await database?.dispose();
  await smtp?.stop();
});

test("a webhook storm with the server killed halfway: every buyer gets one order, one entitlement and a receipt", async () => {
  const product = await prisma.product.findFirstOrThrow({ where: { slug: "lumen-cli" } });
  const buyers = Array.from({ length: SESSIONS }, (_, i) => `storm-${tag}-${i}@example.com`);
  const { paidSession } = stripeStandIn();
  const sessions = await inParallel(buyers, 4, (email) => paidSession(product.id, email));
  const payloads = sessions.map((session, i) =>
    JSON.stringify({
      id: `evt_storm_${tag}_${i}`,
      object: "event",
      type: "checkout.session.completed",
      livemode: false,
      created: Math.floor(Date.now() / 1000),
      data: { object: session },
    }),
  );
  const deliveries = payloads.flatMap((payload) => [payload, payload, payload]);
  let answered = 0;
  const first = await inParallel(deliveries, 12, async (payload) => {
    const answer = await deliver(server.url, payload);
    if (++answered === deliveries.length / 2) server.child.kill("SIGKILL");
    return answer;
  });
  await server.exited;
  const sendingAtKill = await prisma.outboxEmail.count({ where: { kind: "receipt", status: "sending" } });
  const restarted = new Date();
  await startApp();
  // Stripe redelivers whatever did not get a 2xx; a claim of the killed process answers 409 until
  // it lapses (5 minutes), and reconcile covers those sessions meanwhile.
  const redelivered = await inParallel(
    deliveries.filter((_, i) => first[i].status !== 200),
    12,
    (payload) => deliver(server.url, payload),
  );
  const reconcile = await runScript(env(), "scripts/stripe-reconcile.ts", ["--hours", "1"]);
  // Cron's emails:send, once the live server has sent what it queued: it takes over the claims of
  // the killed process (older than the restart) and leaves the live server's own alone.
  for (let i = 0; i < 120 && (await inFlightSince(restarted)) > 0; i++)
    await new Promise((resolve) => setTimeout(resolve, 500));
  const staleAfter = String(Math.floor((Date.now() - restarted.getTime()) / 1000));
  const resume = await runScript(env(), "scripts/send-release-emails.ts", [
    "--stale-after-seconds",
    staleAfter,
  ]);

  const orders = await prisma.order.findMany({
    where: { email: { in: buyers } },
    select: { id: true, entitlements: { select: { id: true } } },
  });
  const receipts = () => receiptsTo(buyers);
  // Up to 30 s for the last emails to land; what has not arrived by then is counted missing.
  let mailed = await receipts();
  for (let i = 0; i < 60 && mailed.buyers < SESSIONS; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    mailed = await receipts();
  }

  const ok =
    orders.length === SESSIONS &&
    orders.every((order) => order.entitlements.length === 1) &&
    mailed.buyers === SESSIONS &&
    mailed.copies - SESSIONS <= sendingAtKill &&
    redelivered.every((answer) => answer.status === 200 || answer.status === 409);
  evidence.count("receipts per 100 sessions", Math.round((mailed.buyers / SESSIONS) * 100));
  evidence.row(
    `${deliveries.length} signed checkout.session.completed deliveries (${SESSIONS} sessions × 3) at concurrency 12, SMTP 100 ms away per packet, the app server SIGKILLed after ${deliveries.length / 2} answers; undelivered ones redelivered, then stripe:reconcile and emails:send`,
    `first pass: ${statuses(first).join(", ")}; redelivery after the restart: ${statuses(redelivered).join(", ")}; reconcile exit ${reconcile.status}, emails:send exit ${resume.status}; ${orders.length} orders, receipts reached ${mailed.buyers}/${SESSIONS} buyers (${mailed.copies} emails; ${sendingAtKill} were being sent at the kill)`,
    "every session one order and one entitlement; every buyer a receipt, a second copy at most for an email in flight at the kill",
    ok,
  );
  expect(orders).toHaveLength(SESSIONS);
  expect(orders.every((order) => order.entitlements.length === 1)).toBe(true);
  expect(mailed.buyers).toBe(SESSIONS);
  expect(mailed.copies - SESSIONS).toBeLessThanOrEqual(sendingAtKill);
  expect(redelivered.filter((answer) => answer.status !== 200 && answer.status !== 409)).toEqual([]);
});

test("PostgreSQL stopped under mixed load: 503 with Retry-After, never sign-in or 401, malformed requests never 5xx, every error line with its request id", async () => {
  const collector = await prisma.user.findUniqueOrThrow({ where: { email: demoCollector.email } });
  const token = randomBytes(24).toString("hex");
  await prisma.session.create({
    data: { sessionToken: token, userId: collector.id, expires: new Date(Date.now() + 86_400_000) },
  });
  const entitlement = await prisma.entitlement.findFirstOrThrow({
    where: { userId: collector.id, status: "active", license: { isNot: null } },
    include: { license: true, product: { include: { releases: { include: { files: true } } } } },
  });
  const file = entitlement.product.releases
    .flatMap((release) => release.files)
    .find((f) => f.status === "ready")!;
  const from = lines.length;
  const result = await outageLoad({
    origin: () => server.url,
    cookie: `next-auth.session-token=${token}`,
    fileId: file.id,
    productSlug: entitlement.product.slug,
    licenseKey: entitlement.license!.key,
    database,
  });
  const logged = jsonLines(lines.slice(from)).filter(
    (line) => line.level === "error" || line.level === "warn",
  );
  const withId = logged.filter((line) => typeof line.requestId === "string").length;
  const { down, all } = result;

  const ok =
    down.unavailable > 0 &&
    all.toSignIn === 0 &&
    all.unauthorized === 0 &&
    all.bare500 === 0 &&
    all.fivexxWithoutRetryAfter === 0 &&
    all.malformed5xx === 0 &&
    result.recovered &&
    withId === logged.length;
  evidence.row(
    `PostgreSQL (${database.kind}) stopped for ${result.downSeconds} s under ${result.concurrency} concurrent callers (library, stable links, product pages, licence checks) with malformed requests mixed in`,
    `${all.answers} answers; while down ${down.answers}: ${down.unavailable} × 503 with Retry-After; overall ${all.toSignIn} redirects to sign-in, ${all.unauthorized} × 401, ${all.bare500} bare 500s, ${all.malformed5xx} malformed requests answering 5xx; ready again after the restart: ${result.recovered}; ${withId}/${logged.length} warn/error lines with a request id`,
    "503 + Retry-After while down, no sign-in redirects or 401s, no 500s, malformed requests 4xx, recovery on its own, a request id on every line",
    ok,
  );
  expect(down.unavailable).toBeGreaterThan(0);
  expect(all).toMatchObject({
    toSignIn: 0,
    unauthorized: 0,
    bare500: 0,
    fivexxWithoutRetryAfter: 0,
    malformed5xx: 0,
  });
  expect(result.recovered).toBe(true);
  expect(withId).toBe(logged.length);
});
