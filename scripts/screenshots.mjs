// README screenshots, every one from the demo seed: start `npm run dev` on a fresh .data/dev (it
// holds only demo data), then `node scripts/screenshots.mjs`. Desktop and 390 px phone widths of
// the public pages, a receipt, and the signed-in pages of the demo customers and the demo admin,
// each signed in by the link the store emails (read from the dev mail catcher). The browser
// journeys take their own screenshots into the test reports; those show the suites' test data.
import { browser, newPage, shoot, url, waitForMail } from "./screenshots/browser.mjs";
import { adminPages } from "./screenshots/admin.mjs";
import { buyerPages, collectorPages, lapsedPages } from "./screenshots/customers.mjs";

// The seed's demo users (prisma/seed/catalog.ts, ADMIN_EMAILS in lib/embedded-defaults.ts).
const demo = {
  collector: process.env.DEMO_COLLECTOR ?? "collector@example.com", // owns the whole catalogue
  lapsed: process.env.DEMO_LAPSED ?? "lapsed@example.com", // Tessellate's updates ended a month ago
  admin: process.env.DEMO_ADMIN ?? "admin@example.com",
};

// A purchase through the local checkout, as the demo invites one: 5 Team seats of Tessellate with
// LAUNCH20 and a German VAT ID. Answers the buyer and the receipt's page in the mail catcher.
async function buyForReceipt() {
  const page = await newPage();
  const email = process.env.DEMO_BUYER ?? "jonas.weber@example.com"; // a new customer, signed in later
  await page.goto(url("/products/tessellate"));
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
  await page.context().close();
  const mail = await waitForMail(email, (message) => /receipt/.test(message.subject));
  return { buyer: email, page: mail.htmlUrl };
}

const visitor = await newPage();
await shoot(visitor, "store", "/");
await shoot(visitor, "product", "/products/tessellate");
await shoot(visitor, "signin", "/signin");
const receipt = await buyForReceipt();
await shoot(visitor, "receipt", receipt.page);
await visitor.context().close();

await collectorPages(demo.collector);
await lapsedPages(demo.lapsed);
await buyerPages(receipt.buyer);
await adminPages(demo.admin, demo.collector);
await browser.close();
