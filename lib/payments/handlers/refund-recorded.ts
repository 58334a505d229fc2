import "server-only";
import type Stripe from "stripe";
import type { RefundStatus } from "../../generated/prisma/client";
import { recordStripeRefund } from "../../dal/refunds";
import { ensureOrderForPaymentIntent } from "../fulfill-checkout";
import { paymentIntentOf } from "./charge-refunded";
import { REFUND_METADATA } from "../refund-types";

const STATUSES = new Set<string>(["pending", "requires_action", "succeeded", "failed", "canceled"]);

// refund.created, refund.updated, refund.failed: the order's refund history, one row per refund,
// for refunds made on the order page (metadata names the admin and their note) and in Stripe's
// dashboard alike. Access is not changed here: charge.refunded carries the charge's total.
export async function refundRecorded(event: Stripe.Event) {
  const refund = event.data.object as Stripe.Refund;
  const paymentIntent = paymentIntentOf(refund);
  if (!paymentIntent || !STATUSES.has(refund.status ?? "")) return;
  const order = await ensureOrderForPaymentIntent(paymentIntent);
  if (!order) return;
  const metadata = refund.metadata ?? {};
  await recordStripeRefund({
    stripeRefundId: refund.id,
    orderId: order.id,
    amount: refund.amount,
    currency: refund.currency,
    status: refund.status as RefundStatus,
    reason: refund.reason ?? null,
    note: metadata[REFUND_METADATA.note] || null,
    requestedById: metadata[REFUND_METADATA.adminId] || null,
    requestedByEmail: metadata[REFUND_METADATA.adminEmail] || null,
    createdAt: new Date(refund.created * 1000),
  });
}
