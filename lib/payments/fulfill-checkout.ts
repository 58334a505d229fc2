import "server-only";
import type Stripe from "stripe";
import { findOrderByPaymentIntent, productIdsExist, recordPaidCheckout } from "../dal/orders";
import { receiptKey } from "../dal/outbox";
import { sendAfterResponse } from "../notifications/outbox";
import { stripe } from "./stripe";

export type FulfillResult = { status: "fulfilled"; orderId: string; created: boolean } | { status: "unpaid" };

// Idempotent: the webhook, the success page and reconcile may all call it, in any order, any
// number of times, concurrently. What was bought and by whom is read from Stripe, never from
// the caller.
export async function fulfillCheckout(sessionId: string): Promise<FulfillResult> {
  const session = await stripe().checkout.sessions.retrieve(sessionId, { expand: ["line_items"] });
  return fulfillSession(session);
}

export async function fulfillSession(session: Stripe.Checkout.Session): Promise<FulfillResult> {
  if (session.payment_status === "unpaid") return { status: "unpaid" };

  const productId = session.metadata?.product_id;
  if (!productId || !(await productIdsExist([productId]))) {
    throw new Error(`Checkout session ${session.id} names no known product`);
  }
  const email = session.customer_details?.email ?? session.customer_email;
  if (!email) throw new Error(`Checkout session ${session.id} has no customer email`);

  const { order, created } = await recordPaidCheckout({
    checkoutSessionId: session.id,
    paymentIntentId:
      typeof session.payment_intent === "string"
        ? session.payment_intent
        : (session.payment_intent?.id ?? null),
    email,
    userId: session.client_reference_id,
    amountTotal: session.amount_total ?? 0,
    currency: session.currency ?? "usd",
    productIds: [productId],
  });
  sendReceiptOnce(session.id);
  return { status: "fulfilled", orderId: order.id, created };
}

// The receipt was queued with the order (or, for an order from before the outbox, just now), so
// the caller's answer never waits for the mail server and a crash cannot lose it: it is sent
// after the response, once, and `npm run emails:send` resumes it if this process dies first.
function sendReceiptOnce(checkoutSessionId: string) {
  sendAfterResponse({ dedupeKeys: [receiptKey(checkoutSessionId)] });
}

// The order behind a payment. Refunds and disputes may arrive before the checkout event:
// then the order is created from Stripe's record first, so the adjustment always applies.
export async function ensureOrderForPaymentIntent(paymentIntentId: string) {
  const existing = await findOrderByPaymentIntent(paymentIntentId);
  if (existing) return existing;
  const sessions = await stripe().checkout.sessions.list({ payment_intent: paymentIntentId, limit: 1 });
  const session = sessions.data[0];
  if (!session) return null; // not a Downlink sale
  const result = await fulfillSession(session);
  return result.status === "fulfilled" ? findOrderByPaymentIntent(paymentIntentId) : null;
}
