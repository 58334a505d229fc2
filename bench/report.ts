// The Markdown table of a run: each figure next to its same-run baseline and its target.
import type { LinkRow } from "./p1-links";
import type { benchDelivery } from "./p2-delivery";
import type { benchLibrary } from "./p3-library";
import type { benchUpload } from "./p4-upload";
import type { benchWebhooks } from "./p5-webhooks";
import type { firstLoad } from "./p6-first-load";
import { renderFeeds, type benchFeeds } from "./p7-feeds";
import type { benchPages } from "./p8-pages";

type Report = {
  date: string;
  quick: boolean;
  machine: {
    cpus: number;
    cpuModel?: string;
    loadAverageAtEnd: number[];
    node: string;
    database: string;
    storage: string;
  };
  results: {
    p1?: {
      users: number;
      seconds: number;
      rows: LinkRow[];
      rss?: { heapLimitMb: number; before: number; peak: number };
    };
    p2?: Awaited<ReturnType<typeof benchDelivery>>;
    p3?: Awaited<ReturnType<typeof benchLibrary>>;
    p4?: Awaited<ReturnType<typeof benchUpload>>;
    p5?: Awaited<ReturnType<typeof benchWebhooks>>;
    p6?: Awaited<ReturnType<typeof firstLoad>>;
    p7?: Awaited<ReturnType<typeof benchFeeds>>;
    p8?: Awaited<ReturnType<typeof benchPages>>;
  };
};

// A run too short for a busy machine can end without a single answer: shown as "—", never as 0.
export const ms = (value: number | null) =>
  value == null || !Number.isFinite(value) ? "—" : `${value.toFixed(value < 10 ? 2 : 1)} ms`;
export const x = (value: number | null) =>
  value == null || !Number.isFinite(value) ? "—" : `${value.toFixed(2)}×`;
export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const mark = (ok: boolean) => (ok ? "met" : "**not met**");
export const markRatio = (value: number | null, limit: number) =>
  value == null || !Number.isFinite(value) ? "(no samples)" : mark(value <= limit);

export function renderReport(report: Report): string {
  const { p1, p2, p3, p4, p5, p6, p7, p8 } = report.results;
  const out: string[] = [
    `# Benchmarks ${report.date}${report.quick ? " (quick: small sizes, smoke test only)" : ""}`,
    "",
    `${report.machine.database}, ${report.machine.storage}; ${report.machine.cpus} CPUs (${report.machine.cpuModel ?? "?"}), Node ${report.machine.node}; ` +
      `load average at the end ${report.machine.loadAverageAtEnd.map((n) => n.toFixed(2)).join(" ")}. ` +
      "The load generator, the app and the services share these CPUs.",
  ];
  if (p1) {
    out.push(
      "",
      `## P1 link issuance over HTTP (${p1.seconds} s per run, cookies rotating over ${p1.users} customers)`,
      "",
      "| connections | session route p50 / p99 | req/s | stable link (303) p50 / p99 | links/s | ratio p50 (≤ 1.0×) | ratio p99 | links/s ÷ req/s (≥ 1.0×) |",
      "|---|---|---|---|---|---|---|---|",
      ...p1.rows.map((row) => {
        const throughput = row.link.perSecond / row.session.perSecond;
        return (
          `| ${row.connections} | ${ms(row.session.p50)} / ${ms(row.session.p99)} | ${row.session.perSecond.toFixed(0)} | ` +
          `${ms(row.link.p50)} / ${ms(row.link.p99)} | ${row.link.perSecond.toFixed(0)} | ${x(row.ratioP50)} ${markRatio(row.ratioP50, 1)} | ${x(row.ratioP99)} | ${x(throughput)} ${mark(throughput >= 1)} |`
        );
      }),
      "",
      `Peak links/s: ${Math.max(...p1.rows.map((r) => r.link.perSecond)).toFixed(0)}; peak session reads/s: ${Math.max(...p1.rows.map((r) => r.session.perSecond)).toFixed(0)}.`,
      ...(p1.rss
        ? [
            "",
            `App RSS under this load, with the image's V8 heap limit (--max-old-space-size=${p1.rss.heapLimitMb}): ${mb(p1.rss.before)} before → ${mb(p1.rss.peak)} at the peak.`,
          ]
        : []),
    );
  }
  if (p2) {
    out.push(
      "",
      `## P2 delivery of ${mb(p2.bytes)}`,
      "",
      "| path | time | MB/s | server CPU-seconds | server RSS before → peak (grew) |",
      "|---|---|---|---|---|",
      `| stable link: 303, then straight from the bucket (app) | ${p2.link.seconds.toFixed(2)} s | ${p2.link.megabytesPerSecond.toFixed(0)} | ${p2.link.cpuSeconds.toFixed(2)} | ${mb(p2.link.rssBefore)} → ${mb(p2.link.rssPeak)} (+${mb(p2.link.rssGrew)}) |`,
      `| streaming proxy bucket → Node → client (baseline) | ${p2.proxy.seconds.toFixed(2)} s | ${p2.proxy.megabytesPerSecond.toFixed(0)} | ${p2.proxy.cpuSeconds.toFixed(2)} | ${mb(p2.proxy.rssBefore)} → ${mb(p2.proxy.rssPeak)} (+${mb(p2.proxy.rssGrew)}) |`,
      "",
      `App CPU / proxy CPU: ${(p2.cpuRatio * 100).toFixed(2)} % (target ≤ 1 %: ${mark(p2.cpuRatio <= 0.01)}); ` +
        `app RSS grew ${mb(p2.link.rssGrew)} (target ≤ 20 MB: ${mark(p2.link.rssGrew <= 20e6)}). CPU time is read in 10 ms ticks.`,
    );
  }
  if (p3) {
    out.push(
      "",
      "## P3 database round trips per request (counted on the wire) and library page time",
      "",
      "| request | n | round trips | statements (Execute) | p50 | p99 | HTML |",
      "|---|---|---|---|---|---|---|",
      `| GET /api/auth/session (P1 baseline) | ${p3.session.requests} | ${p3.session.roundTrips.toFixed(1)} | ${p3.session.statements.toFixed(1)} | ${ms(p3.session.p50)} | ${ms(p3.session.p99)} | ${kb(p3.session.htmlBytes)} |`,
      `| GET /download/file/{id} (P1) | ${p3.link.requests} | ${p3.link.roundTrips.toFixed(1)} | ${p3.link.statements.toFixed(1)} | ${ms(p3.link.p50)} | ${ms(p3.link.p99)} | — |`,
      ...p3.library.map(
        (row) =>
          `| GET /library, ${row.products} products × 10 releases | ${row.requests} | ${row.roundTrips.toFixed(1)} | ${row.statements.toFixed(1)} | ${ms(row.p50)} | ${ms(row.p99)} | ${kb(row.htmlBytes)} |`,
      ),
      "",
      `Library time ratio ${p3.library.at(-1)!.products}/${p3.library[0].products} (p50): ${x(p3.timeRatio)} (target ≤ 2×: ${mark(p3.timeRatio <= 2)}).`,
      "",
      "What one stable link sends to PostgreSQL, in order:",
      "",
      ...p3.statements.link.map((sql, i) => `${i + 1}. \`${sql.replace(/`/g, "'")}\``),
    );
  }
  if (p4) {
    out.push(
      "",
      `## P4 admin upload of ${mb(p4.bytes)} (${p4.parts} parts of ${mb(p4.partSize)}, 4 at a time)`,
      "",
      "| path | time | MB/s | app CPU-seconds | app RSS grew |",
      "|---|---|---|---|---|",
      `| PutObject of the same bytes (baseline) | ${p4.putObject.seconds.toFixed(2)} s | ${p4.putObject.megabytesPerSecond.toFixed(0)} | — | — |`,
      `| publishing API: parts signed by the app, bytes to the bucket | ${p4.multipart.seconds.toFixed(2)} s | ${p4.multipart.megabytesPerSecond.toFixed(0)} | ${p4.multipart.appCpuSeconds.toFixed(2)} | ${mb(p4.multipart.appRssGrew)} |`,
      `| completion: the app streams the object once for its SHA-256 | ${p4.completion.seconds.toFixed(2)} s | ${p4.completion.megabytesPerSecond.toFixed(0)} | ${p4.completion.appCpuSeconds.toFixed(2)} | ${mb(p4.completion.appRssGrew)} |`,
      "",
      `Upload speed / PutObject: ${(p4.speedRatio * 100).toFixed(0)} % (target ≥ 80 %: ${mark(p4.speedRatio >= 0.8)}).`,
      "",
      "| the stored object, read from this process (faster of two rounds) | time | MB/s |",
      "|---|---|---|",
      `| GET alone (the floor) | ${p4.verification.read.seconds.toFixed(2)} s | ${p4.verification.read.megabytesPerSecond.toFixed(0)} |`,
      `| GET piped into sha256sum (baseline) | ${p4.verification.sha256sum.seconds.toFixed(2)} s | ${p4.verification.sha256sum.megabytesPerSecond.toFixed(0)} |`,
      `| the server's verification (SHA-256${p4.verification.server.partMd5s ? " and each part's MD5, as on this store" : ""}) | ${p4.verification.server.seconds.toFixed(2)} s | ${p4.verification.server.megabytesPerSecond.toFixed(0)} |`,
      "",
      `Verification / sha256sum: ${(p4.verification.ratio * 100).toFixed(0)} % (target ≥ 80 %: ${mark(p4.verification.ratio >= 0.8)}).`,
    );
  }
  if (p5) {
    out.push(
      "",
      `## P5 webhook storm: ${p5.events} events × ${p5.copies} deliveries, concurrency ${p5.concurrency}`,
      "",
      "| event | deliveries/s | events/s | p50 | p99 | failed deliveries |",
      "|---|---|---|---|---|---|",
      `| customer.created, ignored (baseline) | ${p5.ignored.deliveriesPerSecond.toFixed(0)} | ${p5.ignored.eventsPerSecond.toFixed(0)} | ${ms(p5.ignored.p50)} | ${ms(p5.ignored.p99)} | ${p5.ignored.failed} |`,
      `| checkout.session.completed (order, entitlement, receipt) | ${p5.fulfilled.deliveriesPerSecond.toFixed(0)} | ${p5.fulfilled.eventsPerSecond.toFixed(0)} | ${ms(p5.fulfilled.p50)} | ${ms(p5.fulfilled.p99)} | ${p5.fulfilled.failed} |`,
      "",
      `Effects after the storm: ${p5.effects.orders} orders, ${p5.effects.entitlements} entitlements, ${p5.effects.receiptsMarked} receipts marked sent` +
        `${p5.effects.receiptsMailed === null ? "" : `, ${p5.effects.receiptsMailed} receipts in the mail catcher`}, ${p5.effects.ledgerProcessed} ledger entries ` +
        `for ${p5.events} events: exactly once ${mark(p5.exactlyOnce)}; errors ${mark(p5.fulfilled.failed + p5.ignored.failed === 0)}. ` +
        `Baseline / fulfilled throughput ${x(p5.ratioThroughput)}.`,
    );
  }
  if (p6) {
    out.push(
      "",
      "## P6 first-load JavaScript (gzip -9 of every <script src> in the page)",
      "",
      "| page | scripts | raw | gzip (≤ 120 kB) | inline flight data, gzip | HTML, gzip |",
      "|---|---|---|---|---|---|",
      ...p6.map(
        (row) =>
          `| ${row.name} (${row.path}) | ${row.scripts} | ${kb(row.rawBytes)} | ${kb(row.gzipBytes)} ${mark(row.gzipBytes <= 120_000)} | ${kb(row.inlineGzipBytes)} | ${kb(row.htmlGzipBytes)} |`,
      ),
    );
  }
  if (p7) out.push("", ...renderFeeds(p7));
  if (p8) {
    out.push(
      "",
      "## P8 store and product pages for anonymous visitors (rendered per request, fresh CSP nonce each)",
      "",
      "| page | connections | read per request (baseline) p50, req/s | remembered until the catalogue changes p50, req/s | throughput ratio (≥ 3×) |",
      "|---|---|---|---|---|",
      ...p8.rows.map(
        (row) =>
          `| ${row.page} (${row.path}) | ${row.connections} | ${ms(row.baseline.p50)}, ${row.baseline.perSecond.toFixed(0)}/s | ` +
          `${ms(row.cached.p50)}, ${row.cached.perSecond.toFixed(0)}/s | ${x(row.throughputRatio)} ${mark(row.throughputRatio >= 3)}` +
          `${row.failed.baseline + row.failed.cached ? ` (failed or timed out: ${row.failed.baseline} / ${row.failed.cached})` : ""} |`,
      ),
    );
  }
  return `${out.join("\n")}\n`;
}
