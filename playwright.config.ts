import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { profiles } from "./lib/embedded-defaults";

// Debian's Chromium where it is installed (CI, offline machines); Playwright's own elsewhere.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));
const appUrl = process.env.APP_URL ?? `http://localhost:${profiles.test.appPort}`;
const port = new URL(appUrl).port;
const secondUrl = new URL(appUrl);
secondUrl.port = String(Number(port) + 1);
// Instances must agree on the key that encrypts server action closures (a fixed, test-only
// key here; production sets its own secret), as they agree on AUTH_SECRET.
const instanceEnv = {
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY:
    process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ?? "ZG93bmxpbmstdGVzdC1hY3Rpb24ta2V5LTMyLWJ5dGU=",
};
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
  // Two instances of one build on one database and bucket (e2e/two-instances.spec.ts): A is the
  // store every journey uses, B runs beside it on the next port. Playwright starts them in order.
  // Both are the standalone server the Docker image runs (npm run build also copies its assets).
  webServer: [
    {
      command: "npm run build && node .next/standalone/server.js",
      env: { ...instanceEnv, PORT: port, HOSTNAME: new URL(appUrl).hostname },
      url: `${appUrl}/api/health`,
      timeout: 600_000, // a production build of the whole app; a busy machine needs minutes
      reuseExistingServer: false,
      stdout: "pipe", // part of the test log, which is scanned for leaked presigned URLs and secrets
      stderr: "pipe",
    },
    {
      command: "node .next/standalone/server.js",
      env: { ...instanceEnv, PORT: secondUrl.port, HOSTNAME: secondUrl.hostname },
      url: `${secondUrl.origin}/api/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
