import { expect, test } from "./fixtures";
import { demoCatalog } from "../prisma/seed/catalog";
import { demoDiscount } from "../prisma/seed/discounts";
import { waitForMessage } from "./mailbox";
import { CheckoutPage } from "./pages/checkout-page";
import { LibraryPage } from "./pages/library-page";
import { SignInPage } from "./pages/sign-in-page";

const team = demoCatalog.find((p) => p.slug === "tessellate")!.tiers.find((tier) => tier.name === "Team")!;
const widths = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
];

test("a business buys 5 Team seats with a code and a VAT ID: receipt, library and 5 × 3 machines", async ({
  page,
  request,
}, testInfo) => {
  const buyer = `team-${Date.now()}@example.com`;
  const shoot = async (name: string) => {
    for (const size of widths) {
      await page.setViewportSize(size);
      await page.screenshot({ path: testInfo.outputPath(`${name}-${size.name}.png`), fullPage: true });
    }
    await page.setViewportSize(widths[0]);
  };
  await page.goto("/products/tessellate");
  await page.getByRole("radio", { name: /Team/ }).check();
  await page.getByRole("spinbutton", { name: "Seats" }).fill("5");
  await expect(page.getByTestId("tier-total")).toHaveText("$195.00");
  await page.getByRole("button", { name: "Buy Tessellate" }).click();

  const checkout = new CheckoutPage(page);
  await checkout.applyCode(demoDiscount.code.toLowerCase());
  await expect(page.getByRole("button", { name: "Pay $156.00" })).toBeVisible();
  await shoot("checkout-with-code");
  await checkout.pay({ email: buyer, country: "DE", vatId: "DE 123 456 789" });
  await expect(page.getByRole("heading", { name: "Thank you for your purchase" })).toBeVisible();
  await expect(page.getByTestId("checkout-state")).toHaveAttribute("data-state", "confirmed");

  // 5 × $39 = $195; LAUNCH20 takes 20 %; a German business with a VAT ID is reverse-charged.
  const receipt = await waitForMessage(buyer, (message) => /^Your .+ receipt: /.test(message.subject));
  const key = /Licence key: (DL-[0-9A-Z-]+)/.exec(receipt.text)?.[1];
  expect(key).toBeTruthy();
  for (const line of [
    /^Order: \d+$/m,
    /^Date: \w{3} \d{1,2}, \d{4}$/m,
    /^Tessellate \(Team\), 5 seats$/m,
    /^Subtotal: \$195\.00$/m,
    /^Discount \(LAUNCH20\): −\$39\.00$/m,
    /^Tax \(reverse charge, VAT ID DE123456789\): \$0\.00$/m,
    /^Total: \$156\.00$/m,
    /^Paid with: Visa •••• 4242$/m,
    /^Invoice DLTEST-\d{4}: http:\/\/127\.0\.0\.1:\d+\/invoice\/in_test_\w+$/m,
    /^Invoice PDF: http:\/\/127\.0\.0\.1:\d+\/invoice\/in_test_\w+\/pdf$/m,
    /^Questions\? Write to \S+@\S+\.$/m,
  ])
    expect(receipt.text).toMatch(line);
  await page.goto(`${process.env.MAIL_UI_URL}/email/${receipt.id}/html`);
  await shoot("receipt");
  const invoiceUrl = /^Invoice DLTEST-\d{4}: (\S+)$/m.exec(receipt.text)![1];
  await page.goto(invoiceUrl);
  await expect(page.getByText("Reverse charge")).toBeVisible();
  await shoot("invoice");

  await new SignInPage(page).signIn(buyer);
  const library = new LibraryPage(page);
  await library.open();
  const card = library.product("tessellate");
  await expect(card.getByTestId("license-tier")).toHaveText("Team · 5 seats");
  await expect(card.getByTestId("license-key")).toHaveText(key!);
  await shoot("library-team");

  // The key activates seats × machines per seat fingerprints, and refuses the next one.
  const limit = 5 * team.machinesPerSeat!;
  const answers: number[] = [];
  for (let i = 0; i <= limit; i++) {
    const answer = await request.post("/api/v1/licenses/activate", {
      data: { key, product: "tessellate", fingerprint: `team-machine-${i}-${Date.now()}` },
    });
    answers.push(answer.status());
  }
  expect(answers.filter((status) => status === 201)).toHaveLength(limit);
  expect(answers.at(-1)).toBe(409);
  await page.reload();
  await expect(card.getByTestId("license")).toContainText(`${limit} of ${limit}`);
});

test("the admin makes a code limited to one tier, sees it listed and deactivates it", async ({
  page,
}, testInfo) => {
  const code = `TEAMONLY${Date.now().toString(36).toUpperCase()}`;
  await new SignInPage(page).signIn("admin@example.com", "/admin/discounts");
  await page.goto("/admin/discounts");
  const form = page.getByRole("form", { name: "New discount code" });
  await form.getByLabel("Code").fill(code);
  await form.getByLabel("Percent off").fill("15");
  await form.getByLabel("Maximum redemptions (optional)").fill("10");
  await form.getByLabel("Tessellate (Team)").check();
  await form.getByRole("button", { name: "Create code" }).click();
  await expect(form.getByRole("status")).toHaveText(`${code} is live on Stripe.`);
  const row = page.getByRole("row", { name: code });
  await expect(row).toContainText("15 % off");
  await expect(row).toContainText("Tessellate (Team)");
  await expect(row.getByTestId("redemptions")).toHaveText("0 of 10");
  for (const size of widths) {
    await page.setViewportSize(size);
    await page.screenshot({ path: testInfo.outputPath(`admin-discounts-${size.name}.png`), fullPage: true });
  }
  await row.getByRole("button", { name: `Deactivate ${code}` }).click();
  await expect(row).toContainText("inactive");
});
