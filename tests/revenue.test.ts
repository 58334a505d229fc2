// Revenue in Admin → Analytics: every figure equals the sums of the orders in the database, per
// currency (never summed across currencies), per day, product and tier. The expected figures are
// computed here from the rows themselves, independently of the SQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revenueAnalytics, type RevenueRow } from "../lib/dal/revenue";
import { prisma, unique } from "./support/fixtures";
import { recordSecurityEvidence } from "./support/security-evidence";

afterAll(() => prisma.$disconnect());

const DAY = 86_400_000;
const now = new Date();
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
let product: { id: string; name: string; tiers: { id: string; name: string }[] };

type Sale = {
  tier: number;
  currency: string;
  subtotal: number;
  discount: number;
  tax: number;
  total: number;
  refunded: number;
  at: Date;
};
// USD and EUR sales of one product, exclusive and inclusive tax, partly and fully refunded, and
// one from before the range.
const SALES: Sale[] = [
  { tier: 0, currency: "usd", subtotal: 1500, discount: 0, tax: 0, total: 1500, refunded: 0, at: daysAgo(1) },
  {
    tier: 0,
    currency: "usd",
    subtotal: 2000,
    discount: 500,
    tax: 285,
    total: 1785,
    refunded: 1785,
    at: daysAgo(2),
  },
  {
    tier: 1,
    currency: "eur",
    subtotal: 4000,
    discount: 0,
    tax: 639,
    total: 4000,
    refunded: 1000,
    at: daysAgo(2),
  },
  {
    tier: 1,
    currency: "eur",
    subtotal: 3900,
    discount: 390,
    tax: 0,
    total: 3510,
    refunded: 0,
    at: daysAgo(3),
  },
  {
    tier: 1,
    currency: "eur",
    subtotal: 9999,
    discount: 0,
    tax: 0,
    total: 9999,
    refunded: 0,
    at: daysAgo(45),
  },
];

beforeAll(async () => {
  product = await prisma.product.create({
    data: {
      slug: unique("revenue"),
      name: `Revenue ${unique("p")}`,
      tiers: {
        create: [
          { name: "Personal", priceCents: 1500 },
          { name: "Team", priceCents: 4000, currency: "eur" },
        ],
      },
    },
    include: { tiers: { orderBy: { priceCents: "asc" } } },
  });
  for (const [i, sale] of SALES.entries()) {
    await prisma.order.create({
      data: {
        stripeCheckoutSessionId: `cs_${unique("rev")}_${i}`,
        email: `${unique("buyer")}@example.com`,
        currency: sale.currency,
        amountSubtotal: sale.subtotal,
        amountDiscount: sale.discount,
        amountTax: sale.tax,
        amountTotal: sale.total,
        amountRefunded: sale.refunded,
        createdAt: sale.at,
        entitlements: {
          create: { productId: product.id, tierId: product.tiers[sale.tier].id, source: "stripe" },
        },
      },
    });
  }
  // A renewal of the first purchase: an order with no entitlement of its own, counted for the
  // product and tier of the entitlement it extended.
  const renewed = await prisma.entitlement.findFirstOrThrow({
    where: { productId: product.id, tierId: product.tiers[0].id },
  });
  await prisma.order.create({
    data: {
      stripeCheckoutSessionId: `cs_${unique("rev")}_renewal`,
      kind: "renewal",
      email: `${unique("buyer")}@example.com`,
      currency: "usd",
      amountSubtotal: 750,
      amountTotal: 750,
      createdAt: daysAgo(1),
      change: {
        create: {
          entitlementId: renewed.id,
          kind: "renewal",
          previousSeats: 1,
          seats: 1,
          tierId: product.tiers[0].id,
        },
      },
    },
  });
});

// The same figures from the rows, in JavaScript: the order's first item names product and tier.
async function expectedFromRows(since: Date) {
  const orders = await prisma.order.findMany({
    where: { createdAt: { gte: since } },
    include: {
      entitlements: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: 1,
        include: { product: true, tier: true },
      },
      change: { include: { entitlement: { include: { product: true } } } },
    },
  });
  const tiers = new Map((await prisma.productTier.findMany()).map((tier) => [tier.id, tier]));
  const groups = (keyOf: (o: (typeof orders)[number]) => [string, string]) => {
    const sums = new Map<string, RevenueRow>();
    for (const order of orders) {
      const [key, label] = keyOf(order);
      const id = `${key}|${order.currency}`;
      const row = sums.get(id) ?? {
        key,
        label,
        currency: order.currency,
        orders: 0,
        gross: 0,
        discounts: 0,
        tax: 0,
        refunds: 0,
        net: 0,
      };
      const refundedTax =
        order.amountTotal > 0 ? Math.floor((order.amountTax * order.amountRefunded) / order.amountTotal) : 0;
      row.orders += 1;
      row.gross += order.amountSubtotal;
      row.discounts += order.amountDiscount;
      row.tax += order.amountTax;
      row.refunds += order.amountRefunded;
      row.net += order.amountTotal - order.amountTax - order.amountRefunded + refundedTax;
      sums.set(id, row);
    }
    return [...sums.values()].sort(
      (a, b) => a.key.localeCompare(b.key) || a.currency.localeCompare(b.currency),
    );
  };
  // The order's first entitlement, or the one a renewal or upgrade changed (with its new tier).
  const item = (o: (typeof orders)[number]) =>
    o.entitlements[0] ??
    (o.change && { product: o.change.entitlement.product, tier: tiers.get(o.change.tierId ?? "") ?? null });
  return {
    perDay: groups((o) => [o.createdAt.toISOString().slice(0, 10), o.createdAt.toISOString().slice(0, 10)]),
    perProduct: groups((o) => [item(o)?.product.id ?? "", item(o)?.product.name ?? "(no product)"]),
    perTier: groups((o) => [
      item(o)?.tier?.id ?? "",
      `${item(o)?.product.name ?? "(no product)"}${item(o)?.tier ? ` · ${item(o)!.tier!.name}` : ""}`,
    ]),
  };
}

const sorted = (rows: RevenueRow[]) =>
  [...rows].sort((a, b) => a.key.localeCompare(b.key) || a.currency.localeCompare(b.currency));

describe("revenue", () => {
  it("equals the sums of the orders in the database, per currency, day, product and tier", async () => {
    const revenue = await revenueAnalytics(30, now);
    const expected = await expectedFromRows(revenue.since);
    expect(sorted(revenue.perDay)).toEqual(expected.perDay);
    expect(sorted(revenue.perProduct)).toEqual(expected.perProduct);
    expect(sorted(revenue.perTier)).toEqual(expected.perTier);
    // Totals per currency are the days' sums; no row ever holds two currencies.
    for (const total of revenue.totals) {
      const days = expected.perDay.filter((row) => row.currency === total.currency);
      expect(total.net).toBe(days.reduce((sum, row) => sum + row.net, 0));
      expect(total.gross).toBe(days.reduce((sum, row) => sum + row.gross, 0));
    }
    expect(new Set(revenue.totals.map((row) => row.currency)).size).toBe(revenue.totals.length);

    // The product's own figures, by hand: a full refund nets 0, a partial one gives back its tax share.
    const mine = revenue.perProduct.filter((row) => row.key === product.id);
    const figures = ({ currency, orders, gross, discounts, tax, refunds, net }: RevenueRow) => ({
      currency,
      orders,
      gross,
      discounts,
      tax,
      refunds,
      net,
    });
    expect(mine.map(figures)).toEqual([
      { currency: "eur", orders: 2, gross: 7900, discounts: 390, tax: 639, refunds: 1000, net: 6030 },
      { currency: "usd", orders: 3, gross: 4250, discounts: 500, tax: 285, refunds: 1785, net: 2250 },
    ]);
    const tiers = revenue.perTier.filter((row) => product.tiers.some((tier) => tier.id === row.key));
    expect(tiers.map((row) => `${row.label} ${row.currency} ${row.net}`).sort()).toEqual([
      `${product.name} · Personal usd 2250`,
      `${product.name} · Team eur 6030`,
    ]);
    recordSecurityEvidence({
      section: "payments",
      title: "Revenue figures against the orders",
      columns: ["currency", "orders", "gross", "discounts", "tax", "refunds", "net"],
      rows: mine.map((row) => [
        row.currency.toUpperCase(),
        row.orders,
        row.gross,
        row.discounts,
        row.tax,
        row.refunds,
        row.net,
      ]),
      note: "One product sold in USD and EUR (minor units), with exclusive and inclusive tax, a full and a partial refund, and a renewal (counted for the product and tier it renewed); the SQL's figures per day, product and tier equal sums computed from the rows in JavaScript for every order in the range.",
    });
  });
});
