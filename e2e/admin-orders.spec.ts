import { expect, test } from "./fixtures";
import { AdminPages } from "./pages/admin-pages";
import { CheckoutPage } from "./pages/checkout-page";
import { LibraryPage } from "./pages/library-page";
import { SignInPage } from "./pages/sign-in-page";

const widths = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
];

// A buyer pays; the admin finds the order, refunds it in full from its page; Stripe's webhook
// (the stand-in's, signed, to the running app) revokes access, and the buyer's library says so.
test("an admin refunds an order in full and the buyer's library shows it revoked", async ({
  page,
  browser,
}, testInfo) => {
  const shoot = async (name: string) => {
    for (const size of widths) {
      await page.setViewportSize(size);
      await page.screenshot({ path: testInfo.outputPath(`${name}-${size.name}.png`), fullPage: true });
    }
    await page.setViewportSize(widths[0]);
  };
  const buyer = `refunded-${Date.now()}@example.com`;
  const shop = await browser.newPage();
  await shop.goto("/products/lumen-cli");
  await shop.getByRole("button", { name: "Buy Lumen CLI" }).click();
  await new CheckoutPage(shop).pay({ email: buyer });
  await expect(shop.getByRole("heading", { name: "Thank you for your purchase" })).toBeVisible();
  await shop.close();

  await new SignInPage(page).signIn("admin@example.com", "/admin/orders");
  await page.goto("/admin/orders");
  await page.getByRole("link", { name: "Orders", exact: true }).click();
  await page.getByLabel("Email, order number or licence key").fill(buyer);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/admin\/orders\?q=/);
  const rows = page.getByTestId("orders").locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Lumen CLI");
  await expect(rows.first()).toContainText("$19.00");
  await shoot("admin-orders");

  await rows.first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: /^Order #\d+$/ })).toBeVisible();
  await expect(page.getByTestId("entitlement-status")).toHaveText("active");
  await expect(page.getByTestId("key-status")).toHaveText("key works");
  await expect(page.getByLabel("Amount (USD)")).toHaveValue("19.00");
  await page.getByLabel("Note (optional, kept with the refund)").fill("never downloaded");
  await page.getByRole("button", { name: "Refund", exact: true }).click();
  await expect(page.getByTestId("confirm-message")).toContainText("all that remains");
  await new AdminPages(page).confirm("Refund");
  // The stand-in delivers charge.refunded and refund.created before it answers, so the page may
  // already show the refunded order; with real Stripe the message says the refund is on its way.
  await expect(page.getByRole("status").or(page.getByText("This order is refunded in full."))).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("refunded");
  await expect(page.getByTestId("entitlement-status")).toContainText("revoked");
  await expect(page.getByTestId("key-status")).toHaveText("key stopped with the purchase (revoked)");
  await expect(page.getByTestId("history-refund")).toContainText("$19.00");
  await expect(page.getByTestId("history-refund")).toContainText("“never downloaded” · by admin@example.com");
  await expect(page.getByText("This order is refunded in full.")).toBeVisible();
  await shoot("admin-order-refunded");

  await page.goto("/admin/analytics");
  await expect(page.getByRole("heading", { name: "Revenue" })).toBeVisible();
  await expect(page.getByTestId("revenue-totals")).toContainText("USD");
  await shoot("admin-analytics-revenue");

  const library = await browser.newPage();
  await new SignInPage(library).signIn(buyer);
  const shelf = new LibraryPage(library);
  await shelf.open();
  await expect(shelf.product("lumen-cli")).toContainText("Access revoked");
  await expect(shelf.product("lumen-cli").getByTestId("access-notice")).toContainText("was refunded");
  await library.close();
});
