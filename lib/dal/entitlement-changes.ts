import "server-only";
import { Prisma } from "../generated/prisma/client";
import type { OrderKind } from "../generated/prisma/enums";
import { db } from "../db";
import { renewedUntil, upgradedUntil } from "../catalog/renewal-terms";
import type { SaleRecord } from "../payments/session-record";
import { queuedReceipt } from "./outbox";

// What a paid renewal or upgrade records as its order: Stripe's totals and the payment behind it.
// A renewal paid by a subscription's invoice has no checkout session; its invoice identifies it.
export type PaidChange = Partial<Omit<SaleRecord, "amountTotal" | "currency">> & {
  checkoutSessionId: string | null;
  invoiceId?: string;
  paymentIntentId: string | null;
  email: string;
  amountTotal: number;
  currency: string;
  discountCodeId?: string | null;
};

export type ChangeRequest =
  | { kind: "renewal"; entitlementId: string; months: number }
  | { kind: "upgrade"; entitlementId: string; tierId: string; seats: number };

type Locked = { updatesUntil: Date | null; tierId: string | null; seats: number; userId: string | null };

// Applies one paid renewal or upgrade to the same entitlement (and so the same licence key),
// exactly once per checkout session or invoice: the order is inserted first, so a second delivery
// of the same payment loses on its unique id and changes nothing, and the entitlement row is locked
// before it is read, so concurrent renewals of one entitlement extend one after the other, each once.
export async function recordEntitlementChange(change: ChangeRequest, paid: PaidChange) {
  const existing = await findPaidChange(paid);
  if (existing) return { order: existing, created: false };
  try {
    const order = await db.$transaction(async (tx) => {
      const { checkoutSessionId, invoiceId, paymentIntentId, ...sale } = paid;
      const receiptOf = checkoutSessionId ?? invoiceId!;
      const [row] = await tx.$queryRaw<Locked[]>`
        SELECT "updatesUntil", "tierId", "seats", "userId" FROM "Entitlement"
        WHERE "id" = ${change.entitlementId} FOR UPDATE`;
      if (!row) throw new Error(`A ${change.kind} was paid for an unknown entitlement`);
      const order = await tx.order.create({
        data: {
          ...sale,
          kind: change.kind,
          email: paid.email.toLowerCase(),
          userId: row.userId,
          stripeCheckoutSessionId: checkoutSessionId,
          stripeInvoiceId: invoiceId ?? null,
          stripePaymentIntentId: paymentIntentId,
          amountSubtotal: sale.amountSubtotal ?? sale.amountTotal,
          emails: queuedReceipt(receiptOf, paid.email.toLowerCase()),
        },
      });
      const after = await changed(tx, change, row);
      await tx.entitlement.update({ where: { id: change.entitlementId }, data: after });
      await tx.entitlementChange.create({
        data: {
          orderId: order.id,
          entitlementId: change.entitlementId,
          kind: change.kind,
          previousUntil: row.updatesUntil,
          newUntil: after.updatesUntil,
          previousTierId: row.tierId,
          previousSeats: row.seats,
          tierId: after.tierId,
          seats: after.seats,
        },
      });
      return order;
    });
    return { order, created: true };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const order = await findPaidChange(paid);
      if (order) return { order, created: false };
    }
    throw error;
  }
}

// A renewal adds the months to the window as it is now (max(now, end) + months); an upgrade moves
// the entitlement to the new tier and its window (lib/catalog/renewal-terms.ts).
async function changed(tx: Prisma.TransactionClient, change: ChangeRequest, row: Locked) {
  // An entitlement with no window (updates forever) keeps it: a renewal can only add.
  if (change.kind === "renewal")
    return {
      updatesUntil: row.updatesUntil && renewedUntil(row.updatesUntil, change.months),
      tierId: row.tierId,
      seats: row.seats,
    };
  const [from, to] = await Promise.all([
    row.tierId
      ? tx.productTier.findUnique({ where: { id: row.tierId }, select: { updateMonths: true } })
      : null,
    tx.productTier.findUniqueOrThrow({ where: { id: change.tierId }, select: { updateMonths: true } }),
  ]);
  return {
    updatesUntil: upgradedUntil(row.updatesUntil, from?.updateMonths ?? null, to.updateMonths),
    tierId: change.tierId,
    seats: change.seats,
  };
}

function findPaidChange(paid: PaidChange) {
  return paid.checkoutSessionId
    ? db.order.findUnique({ where: { stripeCheckoutSessionId: paid.checkoutSessionId } })
    : db.order.findUnique({ where: { stripeInvoiceId: paid.invoiceId } });
}

// A refunded renewal or upgrade takes back exactly what its order added, once: the time it added
// to the window (so later renewals keep theirs), and for an upgrade the tier and seats it replaced,
// while the entitlement is still on the tier the upgrade gave it.
export async function revertEntitlementChange(orderId: string): Promise<OrderKind | null> {
  return db.$transaction(async (tx) => {
    const change = await tx.entitlementChange.findUnique({ where: { orderId } });
    if (!change || change.revertedAt) return null;
    const [row] = await tx.$queryRaw<Locked[]>`
      SELECT "updatesUntil", "tierId", "seats", "userId" FROM "Entitlement"
      WHERE "id" = ${change.entitlementId} FOR UPDATE`;
    const claimed = await tx.entitlementChange.updateMany({
      where: { id: change.id, revertedAt: null },
      data: { revertedAt: new Date() },
    });
    if (claimed.count === 0) return null;
    const added =
      change.previousUntil && change.newUntil
        ? change.newUntil.getTime() - change.previousUntil.getTime()
        : null;
    const updatesUntil =
      added !== null && row.updatesUntil
        ? new Date(row.updatesUntil.getTime() - added)
        : change.previousUntil;
    const tierBack = change.kind === "upgrade" && row.tierId === change.tierId;
    await tx.entitlement.update({
      where: { id: change.entitlementId },
      data: {
        updatesUntil,
        ...(tierBack && { tierId: change.previousTierId, seats: change.previousSeats }),
      },
    });
    return change.kind;
  });
}
