import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db";

// Money in Admin → Analytics, from the orders themselves, in each currency's minor unit and never
// summed across currencies. Per order: gross = the subtotal (list price × seats), discounts, tax
// (as charged), refunds (what Stripe has refunded so far) and
//   net = total − tax − refunds + the refunded share of the tax,
// the refunded share being ⌊tax × refunds / total⌋: a refund returns its part of the tax too,
// so a fully refunded order nets 0 and an unrefunded one total − tax. Each order counts on the
// UTC day it was paid, refunds included, and under its product and tier (an order holds one).
export type RevenueFigures = {
  currency: string;
  orders: number;
  gross: number;
  discounts: number;
  tax: number;
  refunds: number;
  net: number;
};
export type RevenueRow = RevenueFigures & { key: string; label: string };

const FIELDS = ["orders", "gross", "discounts", "tax", "refunds", "net"] as const;
const ZERO = { orders: 0, gross: 0, discounts: 0, tax: 0, refunds: 0, net: 0 };

type Grouped = {
  key: string;
  label: string;
  currency: string;
  orders: bigint;
  gross: bigint;
  discounts: bigint;
  tax: bigint;
  refunds: bigint;
  net: bigint;
};

// `key` and `label` are fixed SQL fragments chosen below, never input.
const grouped = (since: Date, key: Prisma.Sql, label: Prisma.Sql) => db.$queryRaw<Grouped[]>`
  SELECT ${key} AS key, ${label} AS label, o."currency",
         count(*) AS orders,
         sum(o."amountSubtotal") AS gross,
         sum(o."amountDiscount") AS discounts,
         sum(o."amountTax") AS tax,
         sum(o."amountRefunded") AS refunds,
         sum(o."amountTotal"::bigint - o."amountTax" - o."amountRefunded"
             + CASE WHEN o."amountTotal" > 0
                    THEN (o."amountTax"::bigint * o."amountRefunded") / o."amountTotal" ELSE 0 END) AS net
  FROM "Order" o
  -- What the order bought: a purchase's first entitlement, or the entitlement a renewal or an
  -- upgrade changed (with the tier it renewed or upgraded to).
  LEFT JOIN LATERAL (
    (SELECT e."productId", e."tierId" FROM "Entitlement" e
     WHERE e."orderId" = o."id" ORDER BY e."createdAt", e."id" LIMIT 1)
    UNION ALL
    (SELECT e."productId", c."tierId" FROM "EntitlementChange" c
     JOIN "Entitlement" e ON e."id" = c."entitlementId" WHERE c."orderId" = o."id")
    LIMIT 1
  ) item ON true
  LEFT JOIN "Product" p ON p."id" = item."productId"
  LEFT JOIN "ProductTier" t ON t."id" = item."tierId"
  WHERE o."createdAt" >= ${since}
  GROUP BY 1, 2, 3
  ORDER BY 1, 3`;

const rows = (list: Grouped[]): RevenueRow[] =>
  list.map((row) => ({
    key: row.key,
    label: row.label,
    currency: row.currency,
    orders: Number(row.orders),
    gross: Number(row.gross),
    discounts: Number(row.discounts),
    tax: Number(row.tax),
    refunds: Number(row.refunds),
    net: Number(row.net),
  }));

// The last `days` days (UTC midnight `days − 1` days ago up to now), as Analytics' range.
export async function revenueAnalytics(days: number, now = new Date()) {
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
  const day = Prisma.sql`to_char(o."createdAt", 'YYYY-MM-DD')`;
  const [perDay, perProduct, perTier] = await Promise.all([
    grouped(since, day, day),
    grouped(since, Prisma.sql`coalesce(p."id", '')`, Prisma.sql`coalesce(p."name", '(no product)')`),
    grouped(
      since,
      Prisma.sql`coalesce(t."id", '')`,
      Prisma.sql`coalesce(p."name", '(no product)') || coalesce(' · ' || t."name", '')`,
    ),
  ]);
  const byDay = rows(perDay);
  const totals = new Map<string, RevenueFigures>();
  for (const row of byDay) {
    const total = totals.get(row.currency) ?? { currency: row.currency, ...ZERO };
    for (const field of FIELDS) total[field] += row[field];
    totals.set(row.currency, total);
  }
  return {
    since,
    totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    perDay: byDay.reverse(), // newest day first
    perProduct: rows(perProduct),
    perTier: rows(perTier),
  };
}
