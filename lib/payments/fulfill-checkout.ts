import "server-only";
import type Stripe from "stripe";
import { discountCodeIdFor } from "../dal/discounts";
import { findOrderByPaymentIntent, findPurchasedTier, recordPaidCheckout } from "../dal/orders";
import { receiptKey } from "../dal/outbox";
import { sendAfterResponse } from "../notifications/outbox";
import { fulfillChangeSession } from "./fulfill-change";
import { promotionCodeOf, saleRecordOf, SESSION_EXPAND } from "./session-record";
import { stripe } from "./stripe";

export type FulfillResult = { status: "fulfilled"; orderId: string; created: boolean } | { status: "unpaid" };

// Idempotent: the webhook, the success page and reconcile may all call it, in any order, any
// number of times, concurrently. What was bought and by whom is read from Stripe, never from
// the caller.
export async function fulfillCheckout(sessionId: string): Promise<FulfillResult> {
  const session = await stripe().checkout.sessions.retrieve(sessionId, { expand: SESSION_EXPAND });
  return fulfillSession(session);
}

export async function fulfillSession(listed: Stripe.Checkout.Session): Promise<FulfillResult> {
  if (listed.payment_status === "unpaid") return { status: "unpaid" };
  // A listed session lacks its line items and tax breakdown: read it once more, expanded.
  const session = listed.line_items
    ? listed
    : await stripe().checkout.sessions.retrieve(listed.id, { expand: SESSION_EXPAND });

  // A renewal or an upgrade changes the entitlement it names instead of creating one.
  if (session.metadata?.entitlement_id) return fulfillChangeSession(session);
  const productId = session.metadata?.product_id;
  const bought = productId ? await findPurchasedTier(productId, session.metadata?.tier_id) : null;
  if (!bought) throw new Error(`Checkout session ${session.id} names no known product and tier`);
  // Seats are the quantity Stripe charged for (the buyer may change it on the checkout page).
  const seats = bought.tier?.perSeat ? (session.line_items?.data[0]?.quantity ?? 1) : 1;
  const email = session.customer_details?.email ?? session.customer_email;
  if (!email) throw new Error(`Checkout session ${session.id} has no customer email`);

  const promotion = promotionCodeOf(session);
  const { order, created } = await recordPaidCheckout({
    checkoutSessionId: session.id,
    paymentIntentId:
      typeof session.payment_intent === "string"
        ? session.payment_intent
        : (session.payment_intent?.id ?? null),
    email,
    userId: session.client_reference_id,
    ...saleRecordOf(session),
    discountCodeId: promotion ? await discountCodeIdFor(promotion.id) : null,
    items: [{ productId: bought.productId, tierId: bought.tier?.id ?? null, seats }],
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
