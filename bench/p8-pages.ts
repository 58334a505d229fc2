// P8: what a launch-day crowd of anonymous visitors costs: the store page and a product page, each
// from the app and from a second instance of the same build started with STOREFRONT_CACHE=false,
// which reads the catalogue, the product and the store's settings on every request as the pages
// did before (the baseline), interleaved at each concurrency. Both stay rendered per request: every
// answer must carry a fresh CSP nonce, and every script in it that nonce.
import { startApp, type AppProcess } from "./app";
import { load, type LoadResult } from "./load";

export type PageRow = {
  page: string;
  path: string;
  connections: number;
  baseline: LoadResult;
  cached: LoadResult;
  throughputRatio: number;
  failed: { baseline: number; cached: number };
};

const failures = (result: LoadResult) =>
  result.errors +
  Object.entries(result.statuses).reduce((sum, [status, count]) => (status === "200" ? sum : sum + count), 0);

// Two answers of one page: each a policy with a nonce, the two nonces different, every <script> tag
// carrying its answer's nonce (what e2e/csrf-headers.spec.ts checks in the browser suite).
export async function checkNonces(url: string) {
  const nonces = [];
  for (let i = 0; i < 2; i++) {
    const response = await fetch(url);
    const nonce = response.headers.get("content-security-policy")?.match(/'nonce-([^']+)'/)?.[1];
    const html = await response.text();
    const tags = html.match(/<script\b[^>]*>/g) ?? [];
    if (response.status !== 200 || !nonce || tags.length === 0)
      throw new Error(`P8: ${url} answered ${response.status} without a nonce-based policy`);
    if (tags.some((tag) => !tag.includes(`nonce="${nonce}"`)))
      throw new Error(`P8: a script on ${url} lacks the answer's nonce`);
    nonces.push(nonce);
  }
  if (nonces[0] === nonces[1]) throw new Error(`P8: ${url} answered twice with one nonce`);
}

// A fresh instance opens its database connections on its first requests, which a loaded machine
// can make slower than the pool's connect timeout (the page then answers 503): wait for a 200.
async function answering(url: string, deadline = Date.now() + 60_000) {
  for (;;) {
    const response = await fetch(url);
    await response.arrayBuffer();
    if (response.status === 200) return;
    if (Date.now() > deadline) throw new Error(`P8: ${url} answered ${response.status} for a minute`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export async function benchPages(
  app: AppProcess,
  options: {
    pages: { name: string; path: string }[];
    seconds: number;
    levels: number[];
    port: number;
    env: NodeJS.ProcessEnv;
    logFile: string;
  },
) {
  const baseline = await startApp(
    options.port,
    { ...options.env, STOREFRONT_CACHE: "false" },
    options.logFile,
  );
  try {
    for (const server of [app, baseline])
      for (const page of options.pages) {
        await answering(`${server.url}${page.path}`);
        await checkNonces(`${server.url}${page.path}`);
        await load(`${server.url}${page.path}`, [""], 8, 2); // warm-up: JIT, route modules, the pool
      }
    const rows: PageRow[] = [];
    for (const connections of options.levels)
      for (const page of options.pages) {
        const before = await load(`${baseline.url}${page.path}`, [""], connections, options.seconds);
        const cached = await load(`${app.url}${page.path}`, [""], connections, options.seconds);
        // Timeouts and 503s (a pool that could not connect in time on a starved machine) are
        // counted beside the row rather than ending the run; req/s counts the 200s only.
        const failed = { baseline: failures(before), cached: failures(cached) };
        for (const result of [before, cached])
          result.perSecond = result.requests
            ? ((result.statuses["200"] ?? 0) / result.requests) * result.perSecond
            : 0;
        rows.push({
          failed,
          page: page.name,
          path: page.path,
          connections,
          baseline: before,
          cached,
          throughputRatio: cached.perSecond / before.perSecond,
        });
      }
    return { rows };
  } finally {
    await baseline.stop();
  }
}
