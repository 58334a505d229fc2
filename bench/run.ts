// `npm run bench [-- p1 p3 …] [--quick] [--skip-build]`: starts the embedded stack (or uses
// the services named in the environment), builds and starts the production app, drives it
// over HTTP and writes bench/results/<date>.json and .md. Every figure is set against a
// baseline measured in the same run; see docs/bench.md.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { embeddedStripe, profiles } from "../lib/embedded-defaults";
import { parseEnv } from "../lib/env-schema";
import { createPrismaClient } from "../lib/prisma";
import { createS3Client } from "../lib/storage/client";
import { seed } from "../prisma/seed";
import { startCheckout } from "../scripts/embedded/checkout";
import { startStack } from "../scripts/stack";
import { BENCH_HEAP_MB, buildApp, buildExists, startApp, watch } from "./app";
import { createCatalog, createCustomers } from "./fixtures";
import { benchLinks } from "./p1-links";
import { benchDelivery } from "./p2-delivery";
import { benchLibrary } from "./p3-library";
import { benchUpload } from "./p4-upload";
import { benchWebhooks } from "./p5-webhooks";
import { firstLoad } from "./p6-first-load";
import { benchFeeds, licenceKeys } from "./p7-feeds";
import { benchPages } from "./p8-pages";
import { renderReport } from "./report";
import { startSink } from "./sink";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const skipBuild = args.includes("--skip-build");
const unknown = args.filter((arg) => arg.startsWith("--") && arg !== "--quick" && arg !== "--skip-build");
const parts = args.filter((arg) => !arg.startsWith("--")).map((arg) => arg.toLowerCase());
const all = ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"];
if (unknown.length || parts.some((part) => !all.includes(part))) {
  console.error(`usage: npm run bench -- [${all.join(" ")}] [--quick] [--skip-build]`);
  process.exit(2);
}
const wants = (part: string) => parts.length === 0 || parts.includes(part);
const GIB = 1024 ** 3;
const sizes = quick
  ? {
      seconds: 2,
      levels: [1, 8, 32],
      users: 200,
      bigFile: 64 * 1024 ** 2,
      library: [1, 50],
      libraryRounds: 5,
      events: 50,
    }
  : {
      seconds: 10,
      levels: [1, 8, 32],
      users: 2000,
      bigFile: GIB,
      library: [1, 50, 200],
      libraryRounds: 30,
      events: 1000,
    };

const profile = profiles.bench;
const logDir = path.resolve(profile.dataDir, "..", "bench-logs");
rmSync(profile.dataDir, { recursive: true, force: true }); // the embedded services start empty
mkdirSync(logDir, { recursive: true });

// The bench always sells through the local Stripe stand-in, whose own event deliveries go to a
// sink: the storm in P5 is the only webhook traffic the app sees.
const sink = await startSink();
Object.assign(process.env, {
  STRIPE_SECRET_KEY: embeddedStripe.secretKey,
  STRIPE_WEBHOOK_SECRET: embeddedStripe.webhookSecret,
  STRIPE_API_URL: `http://127.0.0.1:${profile.checkoutPort}`,
});
const stack = await startStack(profile);
const checkout = await startCheckout({
  port: profile.checkoutPort,
  secretKey: embeddedStripe.secretKey,
  webhookSecret: embeddedStripe.webhookSecret,
  webhookUrl: sink.url,
});
const env: NodeJS.ProcessEnv = {
  ...process.env,
  ...stack.env,
  NEXT_TELEMETRY_DISABLED: "1",
  // Measured, not bypassed: the limit's query and lock run on every link, with a ceiling the
  // run never reaches (each bench customer stays far below it, as real customers do).
  DOWNLOAD_RATE_LIMIT_PER_MINUTE: "100000",
  // The bench is the one proxy in front of the app: P7's requests name their client address in
  // X-Forwarded-For, one per install, so the per-address licence budget is counted on each.
  TRUSTED_PROXY_HOPS: "1",
};
const config = parseEnv({ ...env, NODE_ENV: "production" });
const prisma = createPrismaClient(config.DATABASE_URL, config.DATABASE_POOL_MAX);
const s3 = createS3Client(config);
const tag = Date.now().toString(36);
const results: Record<string, unknown> = {};
let app: Awaited<ReturnType<typeof startApp>> | undefined;

try {
  await seed(config, prisma, s3);
  if (!skipBuild || !buildExists()) {
    console.log("building the app (next build) …");
    await buildApp(env, logDir);
  }
  app = await startApp(profile.appPort, env, path.join(logDir, "app.log"));
  const step = (name: string) => console.log(`${name} …`);

  if (wants("p1")) {
    step("P1 link issuance");
    const [product] = await createCatalog(prisma, s3, config, `${tag}-links`, 1, 1);
    const users = await createCustomers(prisma, `${tag}-links`, sizes.users, [product.id]);
    // The app's memory under the heaviest load of the run, with the image's heap limit.
    const links = await watch(app.pid, () => benchLinks(app!.url, users, product.file.id, sizes));
    results.p1 = {
      users: users.length,
      seconds: sizes.seconds,
      rows: links.result,
      rss: { heapLimitMb: BENCH_HEAP_MB, before: links.rss.before, peak: links.rss.peak },
    };
  }
  if (wants("p2")) {
    step("P2 delivery");
    results.p2 = await benchDelivery(app, prisma, s3, config, {
      tag,
      size: sizes.bigFile,
      proxyPort: profile.appPort + 2,
      env,
    });
  }
  if (wants("p3")) {
    step("P3 library page");
    results.p3 = await benchLibrary(prisma, s3, config, {
      tag,
      sizes: sizes.library,
      releases: 10,
      rounds: sizes.libraryRounds,
      port: profile.appPort + 1,
      env,
      logFile: path.join(logDir, "app-counted.log"),
    });
  }
  if (wants("p4")) {
    step("P4 upload");
    results.p4 = await benchUpload(app, prisma, s3, config, { tag, size: sizes.bigFile });
  }
  if (wants("p5")) {
    step("P5 webhook storm");
    results.p5 = await benchWebhooks(app.url, prisma, {
      tag,
      events: sizes.events,
      copies: 3,
      concurrency: 20,
      stripeApiUrl: env.STRIPE_API_URL!,
      stripeKey: embeddedStripe.secretKey,
      webhookSecret: config.STRIPE_WEBHOOK_SECRET[0],
      mailUi: stack.mailUi,
    });
  }
  if (wants("p6")) {
    step("P6 first-load JS");
    const [owner] = await createCustomers(prisma, `${tag}-pages`, 1, [
      (await prisma.product.findUniqueOrThrow({ where: { slug: "tessellate" } })).id,
    ]);
    results.p6 = await firstLoad(app.url, [
      // The floor: a page with no client component of its own loads React and Next.js alone.
      { name: "floor (no client component)", path: "/signin/check-email" },
      { name: "storefront", path: "/" },
      { name: "product", path: "/products/lumen-cli" },
      { name: "library", path: "/library", cookie: owner.cookie },
    ]);
  }

  if (wants("p7")) {
    step("P7 update feeds and licence checks");
    const [product] = await createCatalog(prisma, s3, config, `${tag}-feeds`, 1, 3);
    const users = await createCustomers(prisma, `${tag}-feeds`, sizes.users, [product.id]);
    const keys = await licenceKeys(prisma, users, product.id);
    results.p7 = await benchFeeds(app, users, keys, product, sizes);
  }

  if (wants("p8")) {
    step("P8 store and product pages for anonymous visitors");
    results.p8 = await benchPages(app, {
      pages: [
        { name: "storefront", path: "/" },
        { name: "product", path: "/products/lumen-cli" },
      ],
      seconds: sizes.seconds,
      levels: sizes.levels,
      port: profile.appPort + 3,
      env,
      logFile: path.join(logDir, "app-baseline.log"),
    });
  }

  const report = {
    date: new Date().toISOString(),
    quick,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAverageAtEnd: os.loadavg(),
      node: process.version,
      database: stack.services.some((service) => service.name === "postgres")
        ? "embedded PGlite"
        : "PostgreSQL (DATABASE_URL)",
      storage: stack.services.some((service) => service.name === "s3")
        ? "embedded S3 server"
        : "S3 (S3_ENDPOINT)",
    },
    results,
  };
  const markdown = renderReport(report);
  // Quick runs are smoke tests: their figures stay out of bench/results.
  const dir = quick
    ? path.resolve(profile.dataDir, "..", "bench-results")
    : path.resolve(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  const stamp = `${report.date.slice(0, 19).replace(/:/g, "-")}${quick ? "-quick" : ""}`;
  writeFileSync(path.join(dir, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(dir, `${stamp}.md`), markdown);
  console.log(`\n${markdown}\nwritten to ${path.relative(process.cwd(), path.join(dir, stamp))}.{json,md}`);
} finally {
  await app?.stop();
  await prisma.$disconnect();
  await checkout.stop();
  await stack.stop();
  await sink.stop();
}
