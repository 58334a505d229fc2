import path from "node:path";
import { expect, test } from "@playwright/test";
import { scanForSecrets, secretPatterns } from "../scripts/security/scan-secrets.mjs";
import { recordSecurityEvidence } from "../tests/support/security-evidence";

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
