import path from "node:path";
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

  uploadRow(filename: string) {
    return this.uploader().locator(`[data-testid="upload-row"][data-filename="${filename}"]`);
  }

  // Attaches files to the customer whose page is open, all in one go, each with its title (and
  // note); answers the SHA-256 the bucket computed of each, in the same order.
  async attachCustomerFiles(files: { path: string; title: string; note?: string }[]) {
    await this.uploader()
      .getByLabel("Customer files")
      .setInputFiles(files.map((file) => file.path));
    for (const file of files) {
      const row = this.uploadRow(path.basename(file.path));
      await row.getByLabel(/^Title of /).fill(file.title);
      if (file.note) await row.getByLabel(/^Note for /).fill(file.note);
    }
    const count = files.length === 1 ? "1 file" : `${files.length} files`;
    await this.uploader()
      .getByRole("button", { name: `Upload ${count}` })
      .click();
    const checksums: string[] = [];
    for (const file of files) {
      const row = this.uploadRow(path.basename(file.path));
      await expect(row.getByRole("status")).toContainText("Uploaded");
      checksums.push((await row.getByTestId("sha256").textContent())!);
    }
    return checksums;
  }
}
