import path from "node:path";
import { expect, test } from "@playwright/test";
import { firstLoad } from "../bench/p6-first-load";
import { demoCollector } from "../prisma/seed/catalog";
import { scanForSecrets, secretPatterns } from "../scripts/security/scan-secrets.mjs";
import { recordSecurityEvidence } from "../tests/support/security-evidence";
import { SignInPage } from "./pages/sign-in-page";
import { cookieHeader } from "./stable-links";

// The production build the journeys run against (built by the web server before any test).
const build = path.resolve(process.env.NEXT_DIST_DIR ?? ".next");

test("the production build carries no secrets, and the browser bundle none of this server's", () => {
  const configured = [
    process.env.STRIPE_SECRET_KEY,
    ...(process.env.STRIPE_WEBHOOK_SECRET ?? "").split(","),
    process.env.AUTH_SECRET,
  ].filter((value): value is string => Boolean(value));
  expect(configured.length).toBeGreaterThanOrEqual(3);

  const everything = scanForSecrets([build]);
  const browser = scanForSecrets([path.join(build, "static")], { exact: configured });
  expect(everything.scanned).toBeGreaterThan(50);
  expect(browser.scanned).toBeGreaterThan(5);

  recordSecurityEvidence({
    section: "supply-chain",
    title: "Secrets in the production build",
    columns: ["output", "files scanned", "checks", "findings"],
    rows: [
      [
        "`.next` (server and browser, without the build cache)",
        everything.scanned,
        `${secretPatterns.length} patterns`,
        everything.findings.length,
      ],
      [
        "`.next/static` (sent to browsers)",
        browser.scanned,
        `${secretPatterns.length} patterns + ${configured.length} configured secrets`,
        browser.findings.length,
      ],
    ],
    counts: { "build files scanned": everything.scanned },
  });
  expect(everything.findings).toEqual([]);
  expect(browser.findings).toEqual([]);
});

// What a first visit loads: the store, a product page and the library load no more JavaScript than
// a page without any client component of its own (the React and Next.js floor), give or take their
// small leaf components, and never next-auth's browser client. Sizes are gzip -9 of every
// <script src> (bench/p6-first-load.ts, the figures of `npm run bench -- p6`).
test("the store, product and library pages load the framework and their leaf components, not next-auth", async ({
  page,
  context,
  baseURL,
}) => {
  await new SignInPage(page).signIn(demoCollector.email);
  const cookie = await cookieHeader(context);
  const rows = await firstLoad(baseURL!, [
    { name: "floor: a page without client components", path: "/signin/check-email" },
    { name: "storefront", path: "/" },
    { name: "product", path: "/products/lumen-cli" },
    { name: "library", path: "/library", cookie },
  ]);
  const withNextAuth: string[] = [];
  for (const row of rows)
    for (const chunk of row.chunks) {
      const source = await (await fetch(new URL(chunk.src, baseURL))).text();
      if (source.includes("CLIENT_FETCH_ERROR")) withNextAuth.push(`${row.path}: ${chunk.src}`);
    }
  const [floor, ...pages] = rows;
  recordSecurityEvidence({
    section: "supply-chain",
    title: "First-load JavaScript per page",
    columns: ["page", "scripts", "gzip", "above the floor", "next-auth browser client"],
    rows: rows.map((row) => [
      `${row.name} (${row.path})`,
      row.scripts,
      `${(row.gzipBytes / 1000).toFixed(1)} kB`,
      `${((row.gzipBytes - floor.gzipBytes) / 1000).toFixed(1)} kB`,
      withNextAuth.some((line) => line.startsWith(`${row.path}:`)) ? "loaded" : "—",
    ]),
  });
  expect(withNextAuth).toEqual([]);
  for (const row of pages) expect(row.gzipBytes - floor.gzipBytes, row.path).toBeLessThan(5_000);
});
