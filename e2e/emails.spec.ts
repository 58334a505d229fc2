// Every email as a mail client shows it: rendered by the app's own templates with the demo store's
// settings (its logo served by the app), in Chromium at desktop and phone widths. Screenshots land
// in the test output; a store name that is markup stays text and runs nothing.
import { renderEmail } from "../lib/mail/registry";
import { demoStore } from "../prisma/seed/catalog";
import { hostile, hostileBrand, sampleEmails } from "../tests/support/email-samples";
import { expect, test } from "./fixtures";
import { testDb } from "./support/db";

const widths = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
];

test("every email fits a phone and a desktop, branded from the store's settings", async ({
  page,
  baseURL,
}, testInfo) => {
  const db = testDb();
  const settings = await db.storeSettings.findUniqueOrThrow({ where: { id: 1 } });
  await db.$disconnect();
  const brand = {
    name: settings.name,
    appUrl: baseURL!,
    logoUrl: settings.logoKey ? `${baseURL}/${settings.logoKey}` : null,
    accentColor: settings.accentColor,
    supportEmail: settings.supportEmail,
    links: { terms: settings.termsUrl, privacy: settings.privacyUrl, refund: settings.refundUrl },
  };
  expect(brand.name).toBe(demoStore.name);
  for (const email of Object.values(sampleEmails())) {
    const { subject, html } = renderEmail(email, brand);
    for (const size of widths) {
      await page.setViewportSize(size);
      await page.setContent(html, { waitUntil: "load" });
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByRole("link", { name: demoStore.name })).toBeVisible();
      // The logo really loads from the store (an email is read away from it).
      if (brand.logoUrl)
        expect(
          await page.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth),
        ).toBeGreaterThan(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${subject} at ${size.width} px`).toBeLessThanOrEqual(0);
      await page.screenshot({
        path: testInfo.outputPath(`email-${email.name}-${size.name}.png`),
        fullPage: true,
      });
    }
  }
});

test("a store or product name made of markup is shown as text and runs nothing", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  for (const email of Object.values(sampleEmails(hostile))) {
    await page.setContent(renderEmail(email, hostileBrand).html, { waitUntil: "load" });
    expect(await page.title()).toBe(hostileBrand.name);
    await expect(page.getByText(hostileBrand.name, { exact: true }).first()).toBeVisible();
    expect(await page.locator("script, [onerror]").count(), email.name).toBe(0);
  }
  expect(dialogs).toEqual([]);
});
