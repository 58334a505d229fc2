import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { buy, payOnPage, startCheckoutFor } from "./support/buy";
import { prisma, unique } from "./support/fixtures";
import { recordSecurityEvidence } from "./support/security-evidence";

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}` }),
}));
vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn(async () => null) }));
// The seller's tax setting, switchable per test.
const setting = vi.hoisted(() => ({ tax: true }));
vi.mock("../lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../lib/env")>();
  return { env: () => ({ ...actual.env(), STRIPE_TAX: setting.tax }) };
});
afterAll(() => prisma.$disconnect());

async function productPricedIn(currency: string, priceCents: number) {
  const slug = unique("taxed");
  return prisma.product.create({
    data: {
      slug,
      name: `Taxed ${slug}`,
      tiers: {
        create: [
          { name: "Excl", priceCents, currency, taxBehavior: "exclusive", position: 0 },
          { name: "Incl", priceCents, currency, taxBehavior: "inclusive", position: 1 },
        ],
      },
    },
    include: { tiers: { orderBy: { position: "asc" } } },
  });
}

const email = () => `${unique("buyer")}@example.com`;
const consent = { consent: "accepted" };

describe("tax and withdrawal consent", () => {
  it("charges and records tax per billing country, price behaviour and VAT ID, zero-decimal currencies too", async () => {
    const usd = await productPricedIn("usd", 4900);
    const jpy = await productPricedIn("jpy", 1900);
    const cases: {
      product: typeof usd;
      tier: number;
      page: Record<string, string>;
      tax: number;
      total: number;
      rate: number | null;
      reverse: boolean;
    }[] = [
      { product: usd, tier: 0, page: { country: "DE" }, tax: 931, total: 5831, rate: 1900, reverse: false },
      {
        product: usd,
        tier: 0,
        page: { country: "US", state: "WA" },
        tax: 319,
        total: 5219,
        rate: 650,
        reverse: false,
      },
      { product: usd, tier: 1, page: { country: "FR" }, tax: 817, total: 4900, rate: 2000, reverse: false },
      { product: usd, tier: 0, page: { country: "HK" }, tax: 0, total: 4900, rate: 0, reverse: false },
      {
        product: usd,
        tier: 0,
        page: { country: "DE", tax_id: "DE 123 456 789" },
        tax: 0,
        total: 4900,
        rate: null,
        reverse: true,
      },
      { product: jpy, tier: 0, page: { country: "DE" }, tax: 361, total: 2261, rate: 1900, reverse: false },
      { product: jpy, tier: 1, page: { country: "DE" }, tax: 303, total: 1900, rate: 1900, reverse: false },
    ];
    const rows: (string | number)[][] = [];
    for (const { product, tier, page, ...expected } of cases) {
      const { tiers } = product;
      const { session, order } = await buy(
        { productId: product.id, tierId: tiers[tier].id },
        { email: email(), ...consent, ...page },
      );
      expect(session.total_details?.amount_tax).toBe(expected.tax);
      expect(order).toMatchObject({
        amountSubtotal: tiers[tier].priceCents,
        amountTax: expected.tax,
        amountTotal: expected.total,
        currency: tiers[tier].currency,
        taxCountry: page.country,
        taxRateBasisPoints: expected.rate,
        taxReverseCharge: expected.reverse,
        customerTaxId: expected.reverse ? "eu_vat DE123456789" : null,
      });
      expect(order.withdrawalConsentAt).toBeInstanceOf(Date);
      const where = [page.country, page.state, page.tax_id && "VAT ID"];
      rows.push([
        tiers[tier].currency.toUpperCase(),
        tiers[tier].taxBehavior,
        where.filter(Boolean).join(" "),
        tiers[tier].priceCents,
        order.amountTax,
        order.amountTotal,
        order.taxReverseCharge ? "reverse charge" : `${(order.taxRateBasisPoints ?? 0) / 100} %`,
      ]);
    }
    recordSecurityEvidence({
      section: "payments",
      title: "Tax per billing country",
      columns: ["currency", "price", "buyer", "price (minor units)", "tax", "total", "order records"],
      rows,
      note: "Real SDK against the local checkout's tax table; totals are what the signed webhook's fulfilment stored.",
    });
  });

  it("refuses a payment without consent, or with an implausible VAT ID, and records nothing", async () => {
    const product = await productPricedIn("eur", 4900);
    for (const page of [{ country: "DE" }, { country: "DE", tax_id: "DE12", ...consent }]) {
      const started = await startCheckoutFor({ productId: product.id });
      if (!("sessionId" in started)) throw new Error("no checkout");
      await expect(payOnPage(started.sessionId, { email: email(), ...page })).rejects.toThrow(/: 400 /);
      expect(await prisma.order.count({ where: { stripeCheckoutSessionId: started.sessionId } })).toBe(0);
    }
  });

  it("asks Stripe for no tax when the seller turns it off", async () => {
    setting.tax = false;
    try {
      const product = await productPricedIn("usd", 4900);
      const { session, order } = await buy({ productId: product.id }, { email: email(), ...consent });
      expect(session.automatic_tax.enabled).toBe(false);
      expect(order).toMatchObject({ amountTax: 0, amountTotal: 4900, taxCountry: null });
    } finally {
      setting.tax = true;
    }
  });
});
