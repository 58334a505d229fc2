// Screenshots the journeys take to be looked at (in CI they are part of the uploaded test
// reports), never the README's: those come from the demo seed (scripts/screenshots.mjs), since
// these pages show whatever the suites created.
import path from "node:path";
import type { Page } from "@playwright/test";

const reportsDir = () => process.env.TEST_REPORTS_DIR ?? ".data/test-reports";

export async function reportScreenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(reportsDir(), "screenshots", `${name}.png`), fullPage: true });
}
