import "server-only";
import { Prisma } from "../generated/prisma/client";
import { ACCESS_CAUSES } from "../customers/access-notice";
import { db } from "../db";
import { entitlementExtras } from "../licensing/windows";
import type { ReceiptView } from "../mail/templates/receipt";
import type { SaleRecord } from "../payments/session-record";
import { ensureReceiptQueued, queuedReceipt } from "./outbox";

export type PaidCheckout = Partial<Omit<SaleRecord, "amountTotal" | "currency">> & {
  checkoutSessionId: string;
  paymentIntentId: string | null;
  email: string;
  userId: string | null;
  amountTotal: number;
  currency: string;
  // The admin's discount code behind the promotion code the buyer entered, if it is one.
  discountCodeId?: string | null;
  // What was bought: a product in one of its tiers (none for a product without tiers), and seats.
  items: { productId: string; tierId: string | null; seats: number }[];
};

// Creates the order, its entitlements and its queued receipt exactly once per checkout session,
// in one statement (one transaction): an order never exists without its receipt in the outbox.
// A concurrent second call loses on the unique checkout session id and reports the existing order.
export async function recordPaidCheckout(checkout: PaidCheckout) {
  const existing = await db.order.findUnique({
    where: { stripeCheckoutSessionId: checkout.checkoutSessionId },
  });
  if (existing) {
    await ensureReceiptQueued(existing);
    return { order: existing, created: false };
  }

  const { checkoutSessionId, paymentIntentId, email: _, userId: __, items, ...sale } = checkout;
  const email = checkout.email.toLowerCase();
  const owner =
    (checkout.userId &&
      (await db.user.findUnique({ where: { id: checkout.userId }, select: { id: true } }))) ||
    (await db.user.findUnique({ where: { email }, select: { id: true } }));
  const tiers = await db.productTier.findMany({
    where: { id: { in: checkout.items.flatMap((item) => (item.tierId ? [item.tierId] : [])) } },
    select: { id: true, updateMonths: true },
  });
  const updateMonths = (tierId: string | null) =>
    tiers.find((tier) => tier.id === tierId)?.updateMonths ?? null;
  try {
    const order = await db.order.create({
      data: {
        stripeCheckoutSessionId: checkoutSessionId,
        stripePaymentIntentId: paymentIntentId,
        email,
        userId: owner?.id ?? null,
        ...sale,
        amountSubtotal: sale.amountSubtotal ?? sale.amountTotal,
        entitlements: {
          create: items.map(({ productId, tierId, seats }) => ({
            productId,
            tierId,
            seats,
            userId: owner?.id ?? null,
            purchaseEmail: email,
            source: "stripe" as const,
            ...entitlementExtras(updateMonths(tierId)),
          })),
        },
        emails: queuedReceipt(checkout.checkoutSessionId, email),
      },
    });
    return { order, created: true };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const order = await db.order.findUniqueOrThrow({
        where: { stripeCheckoutSessionId: checkout.checkoutSessionId },
      });
      return { order, created: false };
    }
    throw error;
  }
}

// The tier a checkout session names, on sale or not (a tier taken off sale mid-checkout is still
// what the buyer paid for); a session without one, from before tiers, bought the product's first.
export async function findPurchasedTier(productId: string, tierId: string | undefined) {
  const product = await db.product.findUnique({
    where: { id: productId },
    select: {
      id: true,
      tiers: {
        where: tierId ? { id: tierId } : {},
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        take: 1,
        select: { id: true, perSeat: true },
      },
    },
  });
  if (!product || (tierId && product.tiers.length === 0)) return null;
  return { productId: product.id, tier: product.tiers[0] ?? null };
}

export async function findOrderByPaymentIntent(paymentIntentId: string) {
  return db.order.findUnique({ where: { stripePaymentIntentId: paymentIntentId } });
}

const receiptItem = {
  seats: true,
  product: { select: { name: true } },
  tier: { select: { name: true } },
  license: { select: { key: true } },
} as const;

// Everything the receipt says (lib/mail/templates/receipt.tsx), for one order.
export async function orderReceiptView(orderId: string): Promise<ReceiptView> {
  const { entitlements, change, ...order } = await db.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      number: true,
      createdAt: true,
      email: true,
      currency: true,
      amountSubtotal: true,
      amountDiscount: true,
      amountTax: true,
      amountTotal: true,
      promotionCode: true,
      taxCountry: true,
      taxRateBasisPoints: true,
      taxReverseCharge: true,
      customerTaxId: true,
      paymentMethod: true,
      invoiceNumber: true,
      invoiceUrl: true,
      invoicePdfUrl: true,
      entitlements: {
        orderBy: { createdAt: "asc" },
        select: {
          seats: true,
          product: { select: { name: true } },
          tier: { select: { name: true } },
          license: { select: { key: true } },
        },
      },
      // A renewal or upgrade order changed an entitlement it did not create: that one is its item.
      change: { select: { kind: true, entitlement: { select: receiptItem } } },
    },
  });
  const items = change ? [{ ...change.entitlement, kind: change.kind }] : entitlements;
  return {
    ...order,
    items: items.map((item) => ({
      product: item.product.name,
      tier: item.tier ? `${item.tier.name}${"kind" in item ? `, ${item.kind}` : ""}` : null,
      seats: item.seats,
      licenseKey: item.license?.key ?? null,
    })),
  };
}

// Stripe reports the charge's cumulative refunded amount, so applying it twice changes nothing.
export async function applyRefund(orderId: string, amountRefunded: number, fullyRefunded: boolean) {
  await db.$transaction(async (tx) => {
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId } });
    const refunded = Math.max(order.amountRefunded, amountRefunded);
    const full = fullyRefunded || refunded >= order.amountTotal;
    await tx.order.update({
      where: { id: orderId },
      data: {
        amountRefunded: refunded,
        status: full ? "refunded" : order.status === "paid" ? "partially_refunded" : order.status,
      },
    });
    if (full) {
      await tx.entitlement.updateMany({
        where: { orderId, status: { not: "revoked" } },
        data: { status: "revoked", reason: ACCESS_CAUSES.refunded },
      });
    }
  });
}

export async function openDispute(orderId: string, disputeId: string) {
  await db.$transaction(async (tx) => {
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId } });
    // A dispute whose closing was already applied (events can arrive out of order) stays closed.
    if (order.stripeDisputeId === disputeId && order.disputeStatus !== "open") return;
    await tx.order.update({
      where: { id: orderId },
      data: {
        stripeDisputeId: disputeId,
        disputeStatus: "open",
        status: order.status === "refunded" ? "refunded" : "disputed",
      },
    });
    await tx.entitlement.updateMany({
      where: { orderId, status: "active" },
      data: { status: "suspended", reason: ACCESS_CAUSES.disputeOpen },
    });
  });
}

export async function closeDispute(orderId: string, disputeId: string, outcome: "won" | "lost") {
  await db.$transaction(async (tx) => {
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId } });
    const afterWin =
      order.amountRefunded >= order.amountTotal
        ? "refunded"
        : order.amountRefunded > 0
          ? "partially_refunded"
          : "paid";
    await tx.order.update({
      where: { id: orderId },
      data: {
        stripeDisputeId: disputeId,
        disputeStatus: outcome,
        status: outcome === "won" ? afterWin : "dispute_lost",
      },
    });
    if (outcome === "won") {
      await tx.entitlement.updateMany({
        where: { orderId, status: "suspended" },
        data: { status: "active", reason: null },
      });
    } else {
      await tx.entitlement.updateMany({
        where: { orderId, status: { not: "revoked" } },
        data: { status: "revoked", reason: ACCESS_CAUSES.disputeLost },
      });
    }
  });
}

// The address a checkout was paid with, once its order exists.
export async function purchaseEmailOf(checkoutSessionId: string): Promise<string | null> {
  const order = await db.order.findUnique({
    where: { stripeCheckoutSessionId: checkoutSessionId },
    select: { email: true },
  });
  return order?.email ?? null;
}
