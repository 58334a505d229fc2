import { expect, type Page } from "@playwright/test";

// The local checkout's pay page, filled as a buyer would: a promotion code (applied first, as the
// page re-renders with its discount), email, billing country (Stripe Tax needs it), an optional VAT
// number, the withdrawal consent, then the card button.
export class CheckoutPage {
  constructor(readonly page: Page) {}

  async pay(buyer: {
    email: string;
    country?: string;
    state?: string;
    vatId?: string;
    seats?: number;
    code?: string;
  }) {
    await expect(this.page.getByText("Local test checkout")).toBeVisible();
    if (buyer.code) await this.applyCode(buyer.code);
    await this.page.getByLabel("Email").fill(buyer.email);
    // Hong Kong charges no tax on software, so a journey about something else keeps its totals.
    await this.page.getByLabel("Country").selectOption(buyer.country ?? "HK");
    if (buyer.state) await this.page.getByLabel("State").fill(buyer.state);
    if (buyer.vatId) await this.page.getByLabel("VAT number").fill(buyer.vatId);
    if (buyer.seats) await this.page.getByLabel("Quantity").fill(String(buyer.seats));
    await this.page.getByLabel(/delivery of the download starts immediately/).check();
    // The card button ("Pay $19.00"), not "Pay by bank transfer".
    await this.page.getByRole("button", { name: /^Pay [^A-Za-z]/ }).click();
  }

  async applyCode(code: string) {
    await this.page.getByLabel("Promotion code").fill(code);
    await this.page.getByRole("button", { name: "Apply" }).click();
    await expect(this.page.getByTestId("discount")).toContainText(code.toUpperCase());
  }
}
