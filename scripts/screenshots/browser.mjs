// The browser side of `node scripts/screenshots.mjs`: one Chromium, both widths, a sign-in by the
// emailed link as a demo user would (through the dev mail catcher), and a screenshot of a page
// at each width into docs/screenshots.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export const base = process.env.APP_URL ?? "http://localhost:3000";
const mailUi = process.env.MAIL_UI_URL ?? "http://127.0.0.1:1080";
const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));
export const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });

export const desktop = { width: 1280, height: 800 };
export const viewports = [
  ["", desktop],
  ["-phone", { width: 390, height: 844 }],
];
export const url = (path) => new URL(path, base).href;

// A page in a context of its own; generous waits, since the dev server compiles each page the
// first time it is asked for (tens of seconds on a busy machine).
export async function newPage() {
  const context = await browser.newContext({ viewport: desktop, acceptDownloads: true });
  context.setDefaultTimeout(120_000);
  return context.newPage();
}

// The dev server's badge would sit on every screenshot.
export const hideDevBadge = (page) =>
  page.addStyleTag({ content: "nextjs-portal { display: none !important; }" });

export async function capture(page, name, suffix) {
  await hideDevBadge(page);
  await page.screenshot({ path: `docs/screenshots/${name}${suffix}.png`, fullPage: true });
}

// Opens `path` at each width and takes it; `ready` waits for what the page must show first.
export async function shoot(page, name, path, ready = async () => {}) {
  for (const [suffix, viewport] of viewports) {
    await page.setViewportSize(viewport);
    await page.goto(url(path), { waitUntil: "networkidle" });
    await ready(page);
    await capture(page, name, suffix);
  }
  await page.setViewportSize(desktop);
}

// The newest message to `email` since `after` that `matches`, from the mail catcher's API.
export async function waitForMail(email, matches, after = new Date(0)) {
  for (let tries = 0; tries < 60; tries++) {
    const messages = await (await fetch(`${mailUi}/email`)).json();
    const found = messages
      .filter((m) => m.to.some((to) => to.address === email) && new Date(m.date) >= after)
      .sort((a, b) => b.date.localeCompare(a.date))
      .find(matches);
    if (found) return { ...found, htmlUrl: `${mailUi}/email/${found.id}/html` };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no matching email reached ${email} in the mail catcher at ${mailUi}`);
}

const MAGIC_LINK = /https?:\/\/\S+\/api\/auth\/callback\/email\S+/;

// A page of its own browser context, signed in as `email` by the link the store emailed.
export async function signedIn(email) {
  const page = await newPage();
  const requested = new Date(Date.now() - 1000);
  await page.goto(url("/signin?callbackUrl=%2Flibrary"));
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.getByRole("heading", { name: "Check your email" }).waitFor();
  const mail = await waitForMail(email, (message) => MAGIC_LINK.test(message.text), requested);
  await page.goto(mail.text.match(MAGIC_LINK)[0]);
  await page.getByTestId("signed-in-as").waitFor({ state: "attached" });
  return page;
}
