import { randomBytes } from "node:crypto";
import { newLicenseKey } from "../lib/licensing/keys";
import { expect, test } from "./fixtures";
import { AccountPage } from "./pages/account-page";
import { SignInPage } from "./pages/sign-in-page";
import { testDb } from "./support/db";
import { reportScreenshot } from "./support/report-screenshot";

const day = 86_400_000;

// A buyer whose one-machine key is active on the laptop they retired, with a paid order and
// updates that end in 20 days.
async function buyerAtTheLimit() {
  const db = testDb();
  const tag = randomBytes(4).toString("hex");
  const product = await db.product.create({
    data: {
      slug: `atlas-${tag}`,
      name: `Atlas ${tag}`,
      tiers: {
        create: { name: "Personal", priceCents: 4900, currency: "eur", machinesPerSeat: 1, updateMonths: 12 },
      },
    },
    include: { tiers: true },
  });
  const user = await db.user.create({ data: { email: `atlas-${tag}@example.com` } });
  const order = await db.order.create({
    data: {
      stripeCheckoutSessionId: `cs_test_atlas_${tag}`,
      email: user.email!,
      userId: user.id,
      amountSubtotal: 4900,
      amountTax: 931,
      amountTotal: 5831,
      currency: "eur",
      taxCountry: "DE",
      taxRateBasisPoints: 1900,
      paymentMethod: "Visa •••• 4242",
      invoiceNumber: `ATLAS-${tag}`,
      invoiceUrl: `https://invoice.stripe.com/i/acct_test/${tag}`,
      invoicePdfUrl: `https://pay.stripe.com/invoice/acct_test/${tag}/pdf`,
    },
  });
  const key = newLicenseKey();
  await db.entitlement.create({
    data: {
      userId: user.id,
      productId: product.id,
      tierId: product.tiers[0].id,
      orderId: order.id,
      source: "stripe",
      updatesUntil: new Date(Date.now() + 20 * day),
      license: {
        create: { key, activations: { create: { fingerprint: `old-laptop-${tag}`, label: "Old laptop" } } },
      },
    },
  });
  await db.$disconnect();
  return { email: user.email!, product, order, key };
}

test("a buyer sees orders and keys, frees the retired laptop, and the key activates on the new one", async ({
  page,
  request,
}) => {
  const buyer = await buyerAtTheLimit();
  const activate = () =>
    request.post("/api/v1/licenses/activate", {
      data: {
        key: buyer.key,
        product: buyer.product.slug,
        fingerprint: "new-laptop-0001",
        label: "New laptop",
      },
    });
  expect((await activate()).status(), "at the limit before").toBe(409);

  await new SignInPage(page).signIn(buyer.email, "/account");
  const account = new AccountPage(page);
  await account.open();
  const licence = account.licence(buyer.product.slug);
  const masked = `DL-•••••-•••••-•••••-${buyer.key.split("-").at(-1)}`;
  await expect(licence.getByTestId("masked-key")).toHaveText(masked);
  await licence.getByRole("button", { name: /^Show the licence key/ }).click();
  await expect(licence.getByTestId("masked-key")).toHaveText(buyer.key);
  await licence.getByRole("button", { name: /^Hide the licence key/ }).click();
  await expect(licence.getByTestId("machine-count")).toHaveText("1 of 1");
  await expect(licence.getByRole("link", { name: "Renew updates" })).toHaveAttribute(
    "href",
    /^\/account\/renew\/[a-z0-9]+$/,
  );
  await reportScreenshot(page, "account-portal");

  await licence.getByRole("button", { name: "Deactivate Old laptop" }).click();
  await expect(licence.getByTestId("machine-count")).toHaveText("0 of 1");
  await expect(licence.getByText("Old laptop")).toHaveCount(0);
  const activated = await activate();
  expect(activated.status(), "the freed activation is used by the new laptop").toBe(201);
  await page.reload();
  await expect(licence.getByTestId("machine-count")).toHaveText("1 of 1");
  await expect(licence.getByText("New laptop")).toBeVisible();

  await page.getByRole("link", { name: "Orders" }).click();
  const order = account.order(buyer.order.number);
  await expect(order).toContainText("Personal");
  await expect(order).toContainText("Tax 19 % (DE)");
  await expect(order).toContainText("€58.31");
  await expect(order.getByRole("link", { name: "Download PDF" })).toHaveAttribute(
    "href",
    buyer.order.invoicePdfUrl!,
  );
  await reportScreenshot(page, "account-orders");

  await page.getByRole("link", { name: "Emails" }).click();
  const reminders = account.emailSwitch("Renewal reminders", buyer.product.name);
  await expect(reminders).toHaveAttribute("aria-checked", "true");
  await reminders.click();
  await expect(reminders).toHaveAttribute("aria-checked", "false");
  await page.reload();
  await expect(reminders).toHaveAttribute("aria-checked", "false");
  await expect(account.emailSwitch("Release emails", buyer.product.name)).toHaveAttribute(
    "aria-checked",
    "true",
  );
  await reportScreenshot(page, "account-emails");

  // The same pages on a phone: cards, nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [section, name] of [
    ["", "account-portal-phone"],
    ["/orders", "account-orders-phone"],
    ["/emails", "account-emails-phone"],
  ] as const) {
    await account.open(section);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `/account${section} is wider than a phone`).toBeLessThanOrEqual(0);
    await reportScreenshot(page, name);
  }
});
