import "server-only";
import type Stripe from "stripe";
import { closeDispute, openDispute } from "../../dal/orders";
import { ensureOrderForPaymentIntent } from "../fulfill-checkout";
import { paymentIntentOf } from "./charge-refunded";

async function orderOf(dispute: Stripe.Dispute) {
  const paymentIntent = paymentIntentOf(dispute);
  return paymentIntent ? ensureOrderForPaymentIntent(paymentIntent) : null;
}

// charge.dispute.created: access is suspended while the bank decides.
export async function chargeDisputeCreated(event: Stripe.Event) {
  const dispute = event.data.object as Stripe.Dispute;
  const order = await orderOf(dispute);
  if (order) await openDispute(order.id, dispute.id);
}

// charge.dispute.closed: won restores access, lost revokes it.
export async function chargeDisputeClosed(event: Stripe.Event) {
  const dispute = event.data.object as Stripe.Dispute;
  const order = await orderOf(dispute);
  if (!order) return;
  if (dispute.status === "won") await closeDispute(order.id, dispute.id, "won");
  else if (dispute.status === "lost") await closeDispute(order.id, dispute.id, "lost");
}
