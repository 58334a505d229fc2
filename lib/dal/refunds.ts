import "server-only";
import { Prisma, type RefundStatus } from "../generated/prisma/client";
import { db } from "../db";

// A refund as Stripe reports it in refund.created / refund.updated / refund.failed.
export type StripeRefundRecord = {
  stripeRefundId: string;
  orderId: string;
  amount: number;
  currency: string;
  status: RefundStatus;
  reason: string | null;
  note: string | null;
  requestedById: string | null;
  requestedByEmail: string | null;
  createdAt: Date;
};

// Events can arrive in any order and more than once: a status only moves forward (a succeeded
// refund may still fail; a failed or canceled one stays so), whatever arrives later.
const STATUS_RANK: Record<RefundStatus, number> = {
  pending: 0,
  requires_action: 0,
  succeeded: 1,
  failed: 2,
  canceled: 2,
};

// One row per Stripe refund id: the first event creates it, later ones only update its status.
// Concurrent deliveries meet on the unique refund id.
export async function recordStripeRefund(refund: StripeRefundRecord) {
  const existing = await db.orderRefund.findUnique({ where: { stripeRefundId: refund.stripeRefundId } });
  if (existing) return advanceStatus(existing.id, existing.status, refund.status);
  try {
    await db.orderRefund.create({ data: refund });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") throw error;
    const raced = await db.orderRefund.findUniqueOrThrow({
      where: { stripeRefundId: refund.stripeRefundId },
    });
    await advanceStatus(raced.id, raced.status, refund.status);
  }
}

async function advanceStatus(id: string, current: RefundStatus, next: RefundStatus) {
  if (STATUS_RANK[next] <= STATUS_RANK[current]) return;
  await db.orderRefund.update({ where: { id }, data: { status: next } });
}
