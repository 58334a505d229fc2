import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { demoCatalog, demoCustomer, demoFileBytes } from "../prisma/seed/catalog";
import { messagesTo, waitForMessage } from "./mailbox";
import { LibraryPage } from "./pages/library-page";
import { SignInPage } from "./pages/sign-in-page";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const lumen140Linux = demoCatalog.find((p) => p.slug === "lumen-cli")!.releases.find((r) => r.version === "1.4.0")!.files[0];

test("a guest buys through checkout, gets one receipt, signs in with the purchase email and downloads", async ({ page }) => {
  const buyer = `buyer-${Date.now()}@example.com`;
  await page.goto("/");
  await page.screenshot({ path: "docs/screenshots/store.png", fullPage: true });
  await page.getByRole("link", { name: /Lumen CLI/ }).click();
  await expect(page.getByRole("heading", { name: "Lumen CLI" })).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/product.png", fullPage: true });

  await page.getByRole("button", { name: "Buy Lumen CLI" }).click();
  await expect(page.getByText("Local test checkout")).toBeVisible();
  await page.getByLabel("Email").fill(buyer);
  await page.getByRole("button", { name: /^Pay \$/ }).click();
  await expect(page.getByRole("heading", { name: "Thank you for your purchase" })).toBeVisible();
  await expect(page.getByTestId("checkout-state")).toHaveAttribute("data-state", "confirmed");
  const successUrl = page.url();

  const receipt = await waitForMessage(buyer, (message) => message.subject.startsWith("Your Downlink receipt"));
  expect(receipt.subject).toBe("Your Downlink receipt: Lumen CLI");
  expect(receipt.text).toContain("$19.00");

  await page.goto(successUrl); // reloading the success page fulfils nothing twice
  expect((await messagesTo(buyer)).filter((message) => message.subject.startsWith("Your Downlink receipt"))).toHaveLength(1);

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
  await guest.getByLabel("Email").fill(buyer);
  await guest.getByRole("button", { name: /^Pay \$/ }).click();
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
