import { expect, type Page } from "@playwright/test";

// The customer portal: /account (licence keys, machines, downloads), /account/orders, /account/emails.
export class AccountPage {
  constructor(private readonly page: Page) {}

  async open(section: "" | "/orders" | "/emails" = "") {
    await this.page.goto(`/account${section}`);
    await expect(this.page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
  }

  licence(slug: string) {
    return this.page.getByTestId(`licence-${slug}`);
  }

  order(number: number) {
    return this.page.getByTestId(`order-${number}`);
  }

  emailSwitch(topic: "Release emails" | "Renewal reminders", product: string) {
    return this.page.getByRole("switch", { name: `${topic} about ${product}` });
  }
}
