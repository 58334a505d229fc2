import { randomBytes } from "node:crypto";
import { PDFDocument } from "pdf-lib";
import { afterAll, describe, expect, it, vi } from "vitest";
import { formatDate } from "../lib/format";
import { demoDiscount } from "../prisma/seed/discounts";
import { buy } from "./support/buy";
import { config, prisma, unique } from "./support/fixtures";
import { createTieredProduct } from "./support/products";
import { recordSecurityEvidence } from "./support/security-evidence";

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}` }),
}));
vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn(async () => null) }));
afterAll(() => prisma.$disconnect());

type Message = { to: { address: string }[]; subject: string; text: string; html: string };
async function receiptTo(email: string) {
  let found: Message | undefined;
  // The receipt goes out through the outbox after the webhook answers: on a busy machine, seconds later.
  await expect
    .poll(
      async () => {
        const messages = (await (await fetch(`${process.env.MAIL_UI_URL}/email`)).json()) as Message[];
        found = messages.find((m) => m.to.some((to) => to.address === email) && /receipt/.test(m.subject));
        return Boolean(found);
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return found!;
}

// The receipts' Team seats activate any number of machines.
const product = (currency: string, prices: [number, number]) =>
  createTieredProduct({ currency, prices, teamMachines: null });

// The store's support address (Admin → Settings, seeded), or the sender's while none is set.
const supportAddress = async () =>
  (await prisma.storeSettings.findUnique({ where: { id: 1 } }))?.supportEmail ??
  /<([^>]+)>/.exec(config.EMAIL_FROM)?.[1] ??
  config.EMAIL_FROM;

describe("receipts and invoices", () => {
  it("sends a receipt with every line, the licence key and the invoice, whose page and PDF open", async () => {
    const team = await product("usd", [4900, 3900]);
    const email = `${unique("business")}@example.com`;
    const { order, entitlement } = await buy(
      { productId: team.id, tierId: team.tiers[1].id, seats: "5" },
      { email, country: "DE", tax_id: "DE123456789", consent: "accepted", promotion_code: demoDiscount.code },
    );
    // 5 × $39 = $195, LAUNCH20 takes $39, reverse charge: $156.
    expect(order).toMatchObject({
      amountSubtotal: 19500,
      amountDiscount: 3900,
      amountTax: 0,
      amountTotal: 15600,
    });
    expect(order.invoiceNumber).toMatch(/^DLTEST-\d{4}$/);
    const receipt = await receiptTo(email);
    const lines = [
      `Order: ${order.number}`,
      `Date: ${formatDate(order.createdAt)}`,
      `${team.name} (Team), 5 seats`,
      `Licence key: ${entitlement.license!.key}`,
      "Subtotal: $195.00",
      "Discount (LAUNCH20): −$39.00",
      "Tax (reverse charge, VAT ID DE123456789): $0.00",
      "Total: $156.00",
      "Paid with: Visa •••• 4242",
      `Invoice ${order.invoiceNumber}: ${order.invoiceUrl}`,
      `Invoice PDF: ${order.invoicePdfUrl}`,
      `Questions? Write to ${await supportAddress()}.`,
    ];
    for (const line of lines) expect(receipt.text).toContain(line);
    expect(receipt.html).toContain(`href="${order.invoiceUrl}"`);

    const page = await fetch(order.invoiceUrl!);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const text of [order.invoiceNumber!, "eu_vat DE123456789", "Reverse charge", "$156.00"])
      expect(html).toContain(text);
    const pdf = await fetch(order.invoicePdfUrl!);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const document = await PDFDocument.load(await pdf.arrayBuffer());
    expect(document.getTitle()).toBe(`Invoice ${order.invoiceNumber}`);

    recordSecurityEvidence({
      section: "payments",
      title: "The receipt of a business buying 5 seats with a code",
      columns: ["line the receipt must show", "found"],
      rows: [
        ...lines.map((line) => [line.replace(entitlement.license!.key, "DL-…"), "yes"]),
        ["invoice PDF opens", "yes"],
      ],
      note: "Bought through startCheckout, paid on the local checkout with LAUNCH20 and a VAT ID, fulfilled by a signed webhook; the receipt read from the mail catcher, the invoice page and PDF fetched from its links.",
    });
  });

  it("keeps zero-decimal totals exact from the checkout to the receipt, with a discount and tax", async () => {
    const yen = await product("jpy", [1900, 1500]);
    const email = `${unique("yen")}@example.com`;
    const { session, order } = await buy(
      { productId: yen.id, tierId: yen.tiers[0].id },
      { email, country: "DE", consent: "accepted", promotion_code: demoDiscount.code },
    );
    // ¥1,900 − 20 % = ¥1,520; 19 % VAT on it is ¥288.8, charged as ¥289.
    const amounts = { amountSubtotal: 1900, amountDiscount: 380, amountTax: 289, amountTotal: 1809 };
    expect(session).toMatchObject({ amount_subtotal: 1900, amount_total: 1809, currency: "jpy" });
    expect(order).toMatchObject({ ...amounts, currency: "jpy", taxRateBasisPoints: 1900, taxCountry: "DE" });
    const receipt = await receiptTo(email);
    for (const line of [
      "Subtotal: ¥1,900",
      "Discount (LAUNCH20): −¥380",
      "Tax 19 % (DE): ¥289",
      "Total: ¥1,809",
    ])
      expect(receipt.text).toContain(line);
  });
});
