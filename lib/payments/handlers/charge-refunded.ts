import "server-only";
import type Stripe from "stripe";
import { applyRefund } from "../../dal/orders";
import { ensureOrderForPaymentIntent } from "../fulfill-checkout";
import { revertRefundedChange } from "./refunded-change";

const paymentIntentOf = (object: { payment_intent: string | { id: string } | null }) =>
  typeof object.payment_intent === "string" ? object.payment_intent : (object.payment_intent?.id ?? null);

// A full refund revokes the order's entitlements; a partial one is recorded (an order holds one
// product, so no single item can be singled out).
export async function chargeRefunded(event: Stripe.Event) {
  const charge = event.data.object as Stripe.Charge;
  const paymentIntent = paymentIntentOf(charge);
  if (!paymentIntent) return;
  const order = await ensureOrderForPaymentIntent(paymentIntent);
  if (!order) return;
  await applyRefund(order.id, charge.amount_refunded, charge.refunded);
  await revertRefundedChange(order, charge.refunded || charge.amount_refunded >= order.amountTotal);
}

export { paymentIntentOf };
