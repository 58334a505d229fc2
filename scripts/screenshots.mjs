// README screenshots, every one from the demo seed: start `npm run dev` on a fresh .data/dev (it
// holds only demo data), then `node scripts/screenshots.mjs`. Desktop and 390 px phone widths of
// the public pages, a receipt, and the signed-in pages of the demo customers and the demo admin,
// each signed in by the link the store emails (read from the dev mail catcher). The browser
// journeys take their own screenshots into the test reports; those show the suites' test data.
import { browser, newPage, shoot, signedIn, url, waitForMail } from "./screenshots/browser.mjs";
import { customerFiles, releaseUpload } from "./screenshots/uploads.mjs";

// The seed's demo users (prisma/seed/catalog.ts, ADMIN_EMAILS in lib/embedded-defaults.ts).
const demo = {
  collector: process.env.DEMO_COLLECTOR ?? "collector@example.com", // owns the whole catalogue
  lapsed: process.env.DEMO_LAPSED ?? "lapsed@example.com", // Tessellate's updates ended a month ago
  admin: process.env.DEMO_ADMIN ?? "admin@example.com",
};

// A purchase through the local checkout, as the demo invites one: 5 Team seats of Tessellate with
// LAUNCH20 and a German VAT ID. Answers the receipt's page in the mail catcher.
async function buyForReceipt() {
  const page = await newPage();
  const email = `receipt-${Date.now()}@example.com`;
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
  return (await waitForMail(email, (message) => /receipt/.test(message.subject))).htmlUrl;
}

const hrefOf = async (page, selector) => page.locator(selector).first().getAttribute("href");

const visitor = await newPage();
await shoot(visitor, "store", "/");
await shoot(visitor, "product", "/products/tessellate");
await shoot(visitor, "signin", "/signin");
await shoot(visitor, "receipt", await buyForReceipt());
await visitor.context().close();

// The library of a customer who owns everything (files made for them included), a download for
// their account's history and the analytics, and a product whose newest release came after the update window.
const collector = await signedIn(demo.collector);
await shoot(collector, "library", "/library");
for (const file of ["Tessellate-2.1.0.dmg", "lumen-1.4.0-macos-arm64.tar.gz"]) {
  const download = collector.waitForEvent("download");
  await collector.getByRole("button", { name: `Download ${file}` }).click();
  await (await download).path();
}
await shoot(collector, "account", "/account");
await collector.context().close();
const lapsed = await signedIn(demo.lapsed);
await shoot(lapsed, "library-licence", "/library/tessellate", (page) =>
  page.getByText("locked", { exact: true }).first().waitFor(),
);
await lapsed.context().close();

// Every admin page there is, on the demo data (the receipt's purchase is an order).
const admin = await signedIn(demo.admin);
await shoot(admin, "admin", "/admin");
await shoot(admin, "admin-new-product", "/admin/products/new");
await admin.goto(url("/admin"));
const product = await hrefOf(admin, 'a[href^="/admin/products/"]:has-text("Tessellate")');
await shoot(admin, "admin-product", product);
const release = await hrefOf(admin, 'a[href^="/admin/releases/"]');
await admin.goto(url(release), { waitUntil: "networkidle" });
await releaseUpload(admin, "admin-upload");
await shoot(admin, "admin-customers", "/admin/customers");
await admin.goto(url(`/admin/customers?q=${encodeURIComponent(demo.collector)}`));
await admin.goto(url(await hrefOf(admin, 'a[href^="/admin/customers/"]')), { waitUntil: "networkidle" });
await customerFiles(admin, "admin-customer-files");
await shoot(admin, "admin-orders", "/admin/orders");
await shoot(admin, "admin-order", await hrefOf(admin, 'a[href^="/admin/orders/"]:not([href*="export"])'));
for (const page of ["discounts", "analytics", "share", "tokens", "settings"])
  await shoot(admin, `admin-${page}`, `/admin/${page}`);
await admin.context().close();
await browser.close();
