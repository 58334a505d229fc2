import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db";

export type PaidCheckout = {
  checkoutSessionId: string;
  paymentIntentId: string | null;
  email: string;
  userId: string | null;
  amountTotal: number;
  currency: string;
  productIds: string[];
};

// Creates the order and its entitlements exactly once per checkout session. A concurrent
// second call loses on the unique checkout session id and reports the existing order.
export async function recordPaidCheckout(checkout: PaidCheckout) {
  const existing = await db.order.findUnique({ where: { stripeCheckoutSessionId: checkout.checkoutSessionId } });
  if (existing) return { order: existing, created: false };

  const email = checkout.email.toLowerCase();
  const owner =
    (checkout.userId && (await db.user.findUnique({ where: { id: checkout.userId }, select: { id: true } }))) ||
    (await db.user.findUnique({ where: { email }, select: { id: true } }));
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
          })),
        },
      },
    });
    return { order, created: true };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const order = await db.order.findUniqueOrThrow({ where: { stripeCheckoutSessionId: checkout.checkoutSessionId } });
      return { order, created: false };
    }
    throw error;
  }
}

export async function productIdsExist(productIds: string[]) {
  const count = await db.product.count({ where: { id: { in: productIds } } });
  return count === new Set(productIds).size;
}
