// README screenshots of the public pages and of a receipt, from the demo seed: start `npm run dev`
// (a fresh .data/dev holds only demo data), then `node scripts/screenshots.mjs`. Desktop and phone
// widths. The browser journeys take their own screenshots of signed-in pages; these pages would
// show the products the tests create, so they are taken here instead.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const base = process.env.APP_URL ?? "http://localhost:3000";
const mailUi = process.env.MAIL_UI_URL ?? "http://127.0.0.1:1080";
const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
const viewports = [
  ["", { width: 1280, height: 800 }],
  ["-phone", { width: 390, height: 844 }],
];
const pages = { store: "/", product: "/products/tessellate", signin: "/signin" };

// A purchase through the local checkout, as the demo invites one: 5 Team seats of Tessellate with
// LAUNCH20 and a German VAT ID. Answers the receipt's page in the mail catcher.
async function buyForReceipt() {
  const page = await browser.newPage();
  const email = `receipt-${Date.now()}@example.com`;
  await page.goto(new URL("/products/tessellate", base).href);
  await page.getByRole("radio", { name: /Team/ }).check();
  await page.getByRole("spinbutton", { name: "Seats" }).fill("5");
  await page.getByRole("button", { name: "Buy Tessellate" }).click();
  await page.getByLabel("Promotion code").fill("LAUNCH20");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByTestId("discount").waitFor();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Country").selectOption("DE");
  await page.getByLabel("VAT number").fill("DE123456789");
  await page.getByLabel(/delivery of the download starts immediately/).check();
  await page.getByRole("button", { name: /^Pay [^A-Za-z]/ }).click();
  await page.getByRole("heading", { name: "Thank you for your purchase" }).waitFor();
  await page.close();
  for (let tries = 0; tries < 40; tries++) {
    const messages = await (await fetch(`${mailUi}/email`)).json();
    const receipt = messages.find(
      (m) => m.to.some((to) => to.address === email) && /receipt/.test(m.subject),
    );
    if (receipt) return `${mailUi}/email/${receipt.id}/html`;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no receipt reached ${email} in the mail catcher at ${mailUi}`);
}

const receipt = await buyForReceipt();
for (const [suffix, viewport] of viewports) {
  const page = await browser.newPage({ viewport });
  for (const [name, path] of Object.entries(pages)) {
    await page.goto(new URL(path, base).href, { waitUntil: "networkidle" });
    await page.addStyleTag({ content: "nextjs-portal { display: none !important; }" }); // the dev badge
    await page.screenshot({ path: `docs/screenshots/${name}${suffix}.png`, fullPage: true });
  }
  await page.goto(receipt);
  await page.screenshot({ path: `docs/screenshots/receipt${suffix}.png`, fullPage: true });
  await page.close();
}
await browser.close();
