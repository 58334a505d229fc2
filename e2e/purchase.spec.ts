import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import Stripe from "stripe";
import { expect, test } from "./fixtures";
import { demoCatalog, demoCustomer, demoFileBytes, demoStore } from "../prisma/seed/catalog";
import { messagesTo, waitForMessage } from "./mailbox";
import { AdminPages } from "./pages/admin-pages";
import { CheckoutPage } from "./pages/checkout-page";
import { LibraryPage } from "./pages/library-page";
import { SignInPage } from "./pages/sign-in-page";
import { testDb } from "./support/db";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const lumen140Linux = demoCatalog
  .find((p) => p.slug === "lumen-cli")!
  .releases.find((r) => r.version === "1.4.0")!.files[0];

test("a guest buys through checkout, gets one receipt, signs in with the purchase email and downloads", async ({
  page,
}) => {
  const buyer = `buyer-${Date.now()}@example.com`;
  await page.goto("/");
  await page.getByRole("link", { name: /Lumen CLI/ }).click();
  await expect(page.getByRole("heading", { name: "Lumen CLI" })).toBeVisible();

  await page.getByRole("button", { name: "Buy Lumen CLI" }).click();
  await new CheckoutPage(page).pay({ email: buyer });
  await expect(page.getByRole("heading", { name: "Thank you for your purchase" })).toBeVisible();
  await expect(page.getByTestId("checkout-state")).toHaveAttribute("data-state", "confirmed");
  const successUrl = page.url();

  const receipt = await waitForMessage(buyer, (message) => /^Your .+ receipt: /.test(message.subject));
  // The subject names the store (the demo seed's settings), not the software it runs on.
  expect(receipt.subject).toBe(`Your ${demoStore.name} receipt: Lumen CLI`);
  expect(receipt.text).toContain("Total: $19.00");

  await page.goto(successUrl); // reloading the success page fulfils nothing twice
  expect(
    (await messagesTo(buyer)).filter((message) => /^Your .+ receipt: /.test(message.subject)),
  ).toHaveLength(1);

  await new SignInPage(page).signIn(buyer);
  const library = new LibraryPage(page);
  await library.open();
  await expect(library.product("lumen-cli")).toContainText("v1.4.0");
  const download = await library.download(lumen140Linux.filename);
  expect(download.suggestedFilename()).toBe(lumen140Linux.filename);
  expect(sha256(await readFile((await download.path())!))).toBe(sha256(demoFileBytes(lumen140Linux)));
});

test("opening somebody else's success URL grants the visitor nothing", async ({ page, browser }) => {
  const buyer = `buyer-${Date.now()}@example.com`;
  const guest = await browser.newPage();
  await guest.goto("/products/tessellate");
  await guest.getByRole("button", { name: "Buy Tessellate" }).click();
  await new CheckoutPage(guest).pay({ email: buyer });
  await expect(guest.getByRole("heading", { name: "Thank you for your purchase" })).toBeVisible();
  const successUrl = guest.url();
  await guest.close();

  const visitor = `visitor-${Date.now()}@example.com`;
  await new SignInPage(page).signIn(visitor);
  await page.goto(successUrl);
  await expect(page.getByRole("heading", { name: "Thank you for your purchase" })).toBeVisible();
  await expect(page.getByText(buyer)).toHaveCount(0);
  await page.goto("/library");
  await expect(page.getByText("Nothing here yet")).toBeVisible();
});

test("a customer who already owns a product sees only what they bought", async ({ page }) => {
  await new SignInPage(page).signIn(demoCustomer.email);
  await page.goto("/library");
  await expect(page.getByTestId("library-tessellate")).toBeVisible();
  await expect(page.getByTestId("library-lumen-cli")).toHaveCount(0);
});

// Yen have no minor unit: a price typed as 1900 is ¥1,900 on every page and 1900 in the Checkout
// Session, the order and the receipt (it used to be charged as 190000, i.e. ¥190,000).
test("a product priced in yen shows ¥1,900 everywhere and is charged 1900 yen", async ({ page, browser }) => {
  const api = new URL(process.env.STRIPE_API_URL!);
  const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, {
    host: api.hostname,
    port: Number(api.port),
    protocol: "http",
    maxNetworkRetries: 0,
  });
  const product = { name: `Kanji Pad ${Date.now()}`, slug: `kanji-pad-${Date.now()}`, currency: "jpy" };
  await new SignInPage(page).signIn("admin@example.com", "/admin");
  const admin = new AdminPages(page);
  await admin.submitNewProduct({ ...product, price: "1900.5" });
  await expect(page.getByText("price: JPY prices are whole numbers, like 1900")).toBeVisible();
  await admin.createProduct({ ...product, price: "1900" });
  await expect(page.getByLabel(/^Price/)).toHaveValue("1900");
  await page.goto("/admin");
  await expect(page.getByRole("row", { name: new RegExp(product.name) })).toContainText("¥1,900");

  const buyer = `yen-buyer-${Date.now()}@example.com`;
  const guest = await browser.newPage();
  await guest.goto("/");
  await expect(guest.getByRole("link", { name: new RegExp(product.name) })).toContainText("¥1,900");
  await guest.goto(`/products/${product.slug}`);
  await expect(guest.getByTestId("tier-total")).toHaveText("¥1,900");
  await guest.getByRole("button", { name: `Buy ${product.name}` }).click();
  await expect(guest.getByRole("button", { name: "Pay ¥1,900" })).toBeVisible();

  const sessionId = new URL(guest.url()).pathname.split("/").pop()!;
  const session = await stripe.checkout.sessions.retrieve(sessionId, { expand: ["line_items"] });
  expect(session).toMatchObject({ amount_total: 1900, currency: "jpy" });
  expect(session.line_items!.data[0].price).toMatchObject({ unit_amount: 1900, currency: "jpy" });

  await new CheckoutPage(guest).pay({ email: buyer });
  await expect(guest.getByTestId("checkout-state")).toHaveAttribute("data-state", "confirmed");
  const receipt = await waitForMessage(buyer, (message) => /^Your .+ receipt: /.test(message.subject));
  expect(receipt.text).toContain(`${product.name} (Standard)`);
  expect(receipt.text).toContain("Total: ¥1,900");
  const db = testDb();
  try {
    expect(await db.order.findUniqueOrThrow({ where: { stripeCheckoutSessionId: sessionId } })).toMatchObject(
      { amountTotal: 1900, currency: "jpy" },
    );
  } finally {
    // Off the store again, so the journeys after this one see the catalogue they expect.
    await db.product.update({ where: { slug: product.slug }, data: { active: false } });
    await db.$disconnect();
  }
  await guest.close();
});
