// P7: what every installed copy of the seller's app polls: an update feed with its licence key
// (a first fetch, 200, and the repeat with If-None-Match, 304) and a licence validation, against
// next-auth's session route with the customers' cookies, over HTTP at several concurrencies,
// interleaved in one run. Each request comes from its own client address (the bench acts as the
// one trusted proxy), as installs do: the per-address budget is counted on every request but
// no install reaches it. The app's memory is sampled throughout.
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "../lib/prisma";
import { watch, type AppProcess } from "./app";
import type { BenchUser } from "./fixtures";
import { load, type LoadResult, type RequestShape } from "./load";
import { markRatio, mb, ms, x } from "./report";

export type FeedRow = {
  connections: number;
  session: LoadResult;
  feed: LoadResult;
  notModified: LoadResult;
  validate: LoadResult;
};

const keyOf = () => {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  const chars = [...randomBytes(20)].map((byte) => alphabet[byte & 31]).join("");
  return `DL-${chars.match(/.{5}/g)!.join("-")}`;
};

// A licence key for each customer's entitlement to the product, stored as the app stores them.
export async function licenceKeys(prisma: PrismaClient, users: BenchUser[], productId: string) {
  const entitlements = await prisma.entitlement.findMany({
    where: { productId, userId: { in: users.map((user) => user.id) } },
    select: { id: true },
  });
  const keys = entitlements.map(() => keyOf());
  await prisma.license.createMany({
    data: entitlements.map((e, i) => ({ entitlementId: e.id, key: keys[i] })),
  });
  return keys;
}

export async function benchFeeds(
  app: AppProcess,
  users: BenchUser[],
  keys: string[],
  product: { slug: string },
  options: { seconds: number; levels: number[] },
) {
  const feedUrl = `${app.url}/api/v1/feeds/${product.slug}/stable/linux`;
  const validateUrl = `${app.url}/api/v1/licenses/validate`;
  const sessionUrl = `${app.url}/api/auth/session`;
  const cookies = users.map((user) => user.cookie);
  // 198.18.0.0/15 (benchmarking addresses): one per request, as from many installs.
  const address = (n: number) => `198.18.${(n >> 8) & 255}.${n & 255}`;
  const keyed = (n: number) => ({
    authorization: `Bearer ${keys[n % keys.length]}`,
    "x-forwarded-for": address(n),
  });
  const first = await fetch(feedUrl, { headers: keyed(0) });
  const etag = first.headers.get("etag");
  if (first.status !== 200 || !etag) throw new Error(`P7: the feed answered ${first.status} without an ETag`);
  const shapes: Record<"feed" | "notModified" | "validate", RequestShape> = {
    feed: (n) => ({ headers: keyed(n) }),
    notModified: (n) => ({ headers: { ...keyed(n), "if-none-match": etag } }),
    validate: (n) => ({
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": address(n) },
      body: JSON.stringify({ key: keys[n % keys.length], product: product.slug, fingerprint: machine(n) }),
    }),
  };
  // Warm-up: lazily loaded route modules, JIT, the database pool.
  await load(sessionUrl, cookies, 8, 2);
  await load(feedUrl, [], 8, 2, shapes.feed);
  await load(validateUrl, [], 8, 2, shapes.validate);

  const rows: FeedRow[] = [];
  const memory = await watch(app.pid, async () => {
    for (const connections of options.levels) {
      const session = await load(sessionUrl, cookies, connections, options.seconds);
      const feed = await load(feedUrl, [], connections, options.seconds, shapes.feed);
      const notModified = await load(feedUrl, [], connections, options.seconds, shapes.notModified);
      const validate = await load(validateUrl, [], connections, options.seconds, shapes.validate);
      const expected = { session: "200", feed: "200", notModified: "304", validate: "200" } as const;
      const row = { connections, session, feed, notModified, validate };
      for (const [name, status] of Object.entries(expected)) {
        const result = row[name as keyof typeof expected];
        const wrong = Object.entries(result.statuses).filter(([code]) => code !== status);
        if (wrong.length || result.errors)
          throw new Error(
            `P7 ${name} at ${connections}: ${JSON.stringify(result.statuses)}, ${result.errors} errors`,
          );
      }
      rows.push(row);
    }
  });
  return { keys: keys.length, seconds: options.seconds, rows, appRss: memory.rss };
}

const machine = (n: number) =>
  createHash("sha256")
    .update(`machine-${n % 97}`)
    .digest("hex")
    .slice(0, 32);

export function renderFeeds(p7: Awaited<ReturnType<typeof benchFeeds>>) {
  const cell = (result: LoadResult, session: LoadResult) =>
    `${ms(result.p50)} / ${ms(result.p99)}, ${result.perSecond.toFixed(0)}/s | ${x(result.p50 / session.p50)} ${markRatio(result.p50 / session.p50, 1.5)}`;
  return [
    `## P7 update feeds and licence checks (${p7.seconds} s per run, ${p7.keys} licence keys, one client address per request)`,
    "",
    "| connections | session route p50 / p99, req/s | feed 200 p50 / p99, req/s | ratio p50 (≤ 1.5×) | feed 304 (If-None-Match) | ratio p50 (≤ 1.5×) | validate | ratio p50 (≤ 1.5×) |",
    "|---|---|---|---|---|---|---|---|",
    ...p7.rows.map(
      (row) =>
        `| ${row.connections} | ${ms(row.session.p50)} / ${ms(row.session.p99)}, ${row.session.perSecond.toFixed(0)}/s | ` +
        `${cell(row.feed, row.session)} | ${cell(row.notModified, row.session)} | ${cell(row.validate, row.session)} |`,
    ),
    "",
    `App RSS over the P7 runs: ${mb(p7.appRss.before)} before, ${mb(p7.appRss.peak)} at the peak (grew ${mb(p7.appRss.grew)}).`,
  ];
}
