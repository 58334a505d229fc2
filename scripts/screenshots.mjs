// README screenshots of the public pages, from the demo seed: start `npm run dev` (a fresh
// .data/dev holds only demo data), then `node scripts/screenshots.mjs`. Desktop and phone widths.
// The browser journeys take their own screenshots of signed-in pages; these pages would show the
// products the tests create, so they are taken here instead.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const base = process.env.APP_URL ?? "http://localhost:3000";
const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
const pages = { store: "/", product: "/products/lumen-cli", signin: "/signin" };
for (const [suffix, viewport] of [
  ["", { width: 1280, height: 800 }],
  ["-phone", { width: 390, height: 844 }],
]) {
  const page = await browser.newPage({ viewport });
  for (const [name, path] of Object.entries(pages)) {
    await page.goto(new URL(path, base).href, { waitUntil: "networkidle" });
    await page.addStyleTag({ content: "nextjs-portal { display: none !important; }" }); // the dev badge
    await page.screenshot({ path: `docs/screenshots/${name}${suffix}.png`, fullPage: true });
  }
  await page.close();
}
await browser.close();
