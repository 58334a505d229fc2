import { expect, test } from "@playwright/test";
import { demoCustomer } from "../prisma/seed/catalog";
import { LibraryPage } from "./pages/library-page";
import { SignInPage } from "./pages/sign-in-page";

test("a guest buys through checkout, signs in with the purchase email and finds the product in the library", async ({ page }) => {
  const buyer = `buyer-${Date.now()}@example.com`;
  await page.goto("/");
  await page.screenshot({ path: "docs/screenshots/store.png", fullPage: true });
  await page.getByRole("link", { name: /Lumen CLI/ }).click();
  await expect(page.getByRole("heading", { name: "Lumen CLI" })).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/product.png", fullPage: true });

  await page.getByRole("button", { name: "Buy Lumen CLI" }).click();
  await expect(page.getByText("Local test checkout")).toBeVisible();
  await page.getByLabel("Email").fill(buyer);
  await page.getByRole("button", { name: /^Pay/ }).click();
  await expect(page.getByRole("heading", { name: "Thank you for your purchase" })).toBeVisible();

  await new SignInPage(page).signIn(buyer);
  const library = new LibraryPage(page);
  await library.open();
  await expect(library.product("lumen-cli")).toContainText("v1.4.0");
  const download = await library.download("lumen-1.4.0-linux-x64.tar.gz");
  expect(download.suggestedFilename()).toBe("lumen-1.4.0-linux-x64.tar.gz");
});

test("a customer who already owns a product sees only what they bought", async ({ page }) => {
  await new SignInPage(page).signIn(demoCustomer.email);
  await page.goto("/library");
  await expect(page.getByTestId("library-tessellate")).toBeVisible();
  await expect(page.getByTestId("library-lumen-cli")).toHaveCount(0);
});
