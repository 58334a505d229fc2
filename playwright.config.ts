import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { profiles } from "./lib/embedded-defaults";

// Debian's Chromium where it is installed (CI, offline machines); Playwright's own elsewhere.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));
const appUrl = process.env.APP_URL ?? `http://localhost:${profiles.test.appPort}`;
const port = new URL(appUrl).port;
// Every journey signs in from the same unidentified client; the sign-in limits are proven by
// e2e/sign-in-security.spec.ts on instances of their own with small limits.
process.env.SIGN_IN_LIMIT_PER_ADDRESS ??= "100";
process.env.SIGN_IN_LIMIT_PER_IP ??= "10000";

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json"]],
  outputDir: ".data/test-results",
  use: {
    baseURL: appUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: systemChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    // The production build is what ships, so the journeys run against it.
    command: `npx next build && npx next start --port ${port}`,
    url: `${appUrl}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe", // part of the test log, which CI scans for leaked presigned URLs
    stderr: "pipe",
  },
});
