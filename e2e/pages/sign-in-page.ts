import { expect, type Page } from "@playwright/test";
import { latestMagicLink } from "../mailbox";

export class SignInPage {
  constructor(private readonly page: Page) {}

  async signIn(email: string, callbackPath = "/library") {
    const requested = new Date(Date.now() - 1000);
    await this.page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
    await this.page.getByLabel("Email address").fill(email);
    await this.page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(this.page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const link = await latestMagicLink(email, requested);
    await this.page.goto(link);
    await expect(this.page.getByTestId("signed-in-as")).toHaveText(email);
  }
}
