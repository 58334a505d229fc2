import "server-only";
import { db } from "../db";
import type { DiscountKind } from "../generated/prisma/enums";

export type NewDiscountCode = {
  code: string;
  kind: DiscountKind;
  percentOff: number | null;
  amountOff: number | null;
  currency: string | null;
  expiresAt: Date | null;
  maxRedemptions: number | null;
  firstPurchaseOnly: boolean;
  stripeCouponId: string;
  stripePromotionCodeId: string;
  tierIds: string[];
};

export async function discountCodeTaken(code: string) {
  return !!(await db.discountCode.findUnique({ where: { code }, select: { id: true } }));
}

// Every tier of the given products, and how many of those products exist.
export async function tiersOfProducts(productIds: string[]) {
  const products = await db.product.findMany({
    where: { id: { in: productIds } },
    select: { tiers: { select: { id: true } } },
  });
  return { found: products.length, tierIds: products.flatMap((product) => product.tiers.map((t) => t.id)) };
}

export async function insertDiscountCode({ tierIds, ...code }: NewDiscountCode) {
  return db.discountCode.create({
    data: { ...code, tiers: { create: tierIds.map((tierId) => ({ tierId })) } },
    select: { id: true, code: true },
  });
}

export async function findDiscountCode(id: string) {
  return db.discountCode.findUnique({
    where: { id },
    select: { id: true, code: true, active: true, stripePromotionCodeId: true },
  });
}

export async function setDiscountCodeInactive(id: string) {
  await db.discountCode.update({ where: { id }, data: { active: false } });
}

export async function discountCodeIdFor(stripePromotionCodeId: string) {
  const found = await db.discountCode.findUnique({ where: { stripePromotionCodeId }, select: { id: true } });
  return found?.id ?? null;
}

// The admin's list: each code with what it is limited to, its redemptions (orders that used it)
// and its revenue per currency, net of refunds and in minor units, never summed across currencies.
export async function listDiscountCodes() {
  const codes = await db.discountCode.findMany({
    orderBy: [{ active: "desc" }, { createdAt: "desc" }],
    include: {
      tiers: {
        select: { tier: { select: { name: true, product: { select: { name: true } } } } },
        orderBy: { tier: { position: "asc" } },
      },
    },
  });
  const sales = await db.order.groupBy({
    by: ["discountCodeId", "currency"],
    where: { discountCodeId: { in: codes.map((code) => code.id) } },
    _count: { _all: true },
    _sum: { amountTotal: true, amountRefunded: true },
    orderBy: { currency: "asc" },
  });
  return codes.map(({ tiers, ...code }) => {
    const mine = sales.filter((sale) => sale.discountCodeId === code.id);
    return {
      ...code,
      limitedTo: tiers.map(({ tier }) => `${tier.product.name} (${tier.name})`),
      redemptions: mine.reduce((sum, sale) => sum + sale._count._all, 0),
      revenue: mine.map((sale) => ({
        currency: sale.currency,
        orders: sale._count._all,
        amount: (sale._sum.amountTotal ?? 0) - (sale._sum.amountRefunded ?? 0),
      })),
    };
  });
}

export type DiscountCodeRow = Awaited<ReturnType<typeof listDiscountCodes>>[number];

// What the form offers to limit a code to: every product with its tiers on sale.
export async function productsForDiscountForm() {
  return db.product.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      tiers: {
        where: { active: true },
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        select: { id: true, name: true },
      },
    },
  });
}
