import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./fixtures";
import { SignInPage } from "./pages/sign-in-page";

// An admin adds an endpoint on this machine and sees its secret once; the page is checked at both widths.
test("an admin adds a webhook endpoint and rotates its secret", async ({ page }, testInfo) => {
  const receiver = createServer((_, response) => response.writeHead(204).end());
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  await new SignInPage(page).signIn("admin@example.com", "/admin/webhooks");
  await page.goto("/admin/webhooks");
  await page.getByLabel("Endpoint URL").fill(url);
  await page.getByLabel("order.paid").check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByTestId("webhook-secret")).toHaveText(/^whsec_/);
  await page.reload();
  const endpoint = page.getByRole("region", { name: url });
  await expect(endpoint).toContainText("active");
  await endpoint.getByRole("button", { name: "Rotate secret" }).click();
  await expect(endpoint.getByTestId("webhook-secret")).toHaveText(/^whsec_/);
  await page.screenshot({ path: testInfo.outputPath("webhooks-desktop.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath("webhooks-390.png"), fullPage: true });
  await endpoint.getByRole("button", { name: "Pause" }).click();
  await expect(endpoint).toContainText("paused");
  receiver.close();
});
