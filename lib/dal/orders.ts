import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import { entitlementExtras } from "../licensing/windows";
import { ensureReceiptQueued, queuedReceipt } from "./outbox";

export type PaidCheckout = {
  checkoutSessionId: string;
  paymentIntentId: string | null;
  email: string;
  userId: string | null;
  amountTotal: number;
  currency: string;
  productIds: string[];
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

  const email = checkout.email.toLowerCase();
  const owner =
    (checkout.userId &&
      (await db.user.findUnique({ where: { id: checkout.userId }, select: { id: true } }))) ||
    (await db.user.findUnique({ where: { email }, select: { id: true } }));
  const windows = await db.product.findMany({
    where: { id: { in: checkout.productIds } },
    select: { id: true, updateMonths: true },
  });
  const updateMonths = (productId: string) =>
    windows.find((product) => product.id === productId)?.updateMonths ?? null;
  try {
    const order = await db.order.create({
      data: {
        stripeCheckoutSessionId: checkout.checkoutSessionId,
        stripePaymentIntentId: checkout.paymentIntentId,
        email,
        userId: owner?.id ?? null,
        amountTotal: checkout.amountTotal,
        currency: checkout.currency,
        entitlements: {
          create: checkout.productIds.map((productId) => ({
            productId,
            userId: owner?.id ?? null,
            purchaseEmail: email,
            source: "stripe" as const,
            ...entitlementExtras(updateMonths(productId)),
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

export async function productIdsExist(productIds: string[]) {
  const count = await db.product.count({ where: { id: { in: productIds } } });
  return count === new Set(productIds).size;
}

export async function findOrderByPaymentIntent(paymentIntentId: string) {
  return db.order.findUnique({ where: { stripePaymentIntentId: paymentIntentId } });
}

export async function orderReceiptView(orderId: string) {
  return db.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      email: true,
      amountTotal: true,
      currency: true,
      entitlements: { select: { product: { select: { name: true } } } },
    },
  });
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
        data: { status: "revoked", reason: "after a refund" },
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
      data: { status: "suspended", reason: "while a payment dispute is open" },
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
        data: { status: "revoked", reason: "after a lost payment dispute" },
      });
    }
  });
}
