import { expect, type Page } from "@playwright/test";

export class LibraryPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto("/library");
    await expect(this.page.getByRole("heading", { name: "Your library" })).toBeVisible();
  }

  product(slug: string) {
    return this.page.getByTestId(`library-${slug}`);
  }

  async download(filename: string) {
    const downloadEvent = this.page.waitForEvent("download");
    await this.page.getByRole("button", { name: `Download ${filename}` }).click();
    return downloadEvent;
  }
}
