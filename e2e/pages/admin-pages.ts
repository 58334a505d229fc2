import { expect, type Page } from "@playwright/test";

export class AdminPages {
  constructor(private readonly page: Page) {}

  async createProduct(product: { name: string; slug: string; price: string; currency?: string }) {
    await this.submitNewProduct(product);
    await expect(this.page.getByRole("heading", { name: product.name })).toBeVisible();
  }

  // Fills the new-product form and submits it; the caller checks what came back.
  async submitNewProduct(product: { name: string; slug: string; price: string; currency?: string }) {
    if (!this.page.url().endsWith("/admin/products/new")) await this.page.goto("/admin/products/new");
    await this.page.getByLabel("Name").fill(product.name);
    await this.page.getByLabel("Slug").fill(product.slug);
    await this.page.getByLabel(/^Price/).fill(product.price);
    if (product.currency) await this.page.getByLabel("Currency").selectOption(product.currency);
    await this.page.getByRole("button", { name: "Create product" }).click();
  }

  async createRelease(version: string, notes: string) {
    await this.page.getByLabel("Version").fill(version);
    await this.page.getByLabel("Release notes").fill(notes);
    await this.page.getByRole("button", { name: "New release" }).click();
    await expect(
      this.page.getByRole("heading", { name: new RegExp(`v${version.replace(/\./g, "\\.")}`) }),
    ).toBeVisible();
  }

  // Destructive actions ask first (components/admin/confirm-submit.tsx): answer yes.
  async confirm(button: string) {
    const dialog = this.page.getByRole("dialog");
    await dialog.getByRole("button", { name: button }).click();
    await expect(dialog).toBeHidden();
  }

  uploader() {
    return this.page.getByTestId("uploader");
  }

  // Attaches a file to the customer whose page is open; returns the SHA-256 the bucket computed.
  async attachCustomerFile(title: string, file: string, note?: string) {
    await this.uploader().getByLabel("Title").fill(title);
    await this.uploader().getByLabel("Customer file").setInputFiles(file);
    if (note) await this.uploader().getByLabel("Note").fill(note);
    await this.uploader().getByRole("button", { name: "Upload" }).click();
    const status = this.uploader().getByRole("status");
    await expect(status).toContainText(/^Uploaded .* · sha256 [0-9a-f]{64}$/);
    return (await status.textContent())!.match(/sha256 ([0-9a-f]{64})$/)![1];
  }
}
