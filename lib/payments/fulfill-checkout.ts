import "server-only";
import { productIdsExist, recordPaidCheckout } from "../dal/orders";
import { stripe } from "./stripe";

export type FulfillResult =
  | { status: "fulfilled"; orderId: string; created: boolean }
  | { status: "unpaid" };

// Idempotent: the webhook and the success page may both call it, in any order, any number
// of times. What was bought is read from Stripe, never from the request.
export async function fulfillCheckout(sessionId: string): Promise<FulfillResult> {
  const session = await stripe().checkout.sessions.retrieve(sessionId, { expand: ["line_items"] });
  if (session.payment_status === "unpaid") return { status: "unpaid" };

  const productId = session.metadata?.product_id;
  if (!productId || !(await productIdsExist([productId]))) {
    throw new Error(`Checkout session ${session.id} names no known product`);
  }
  const email = session.customer_details?.email ?? session.customer_email;
  if (!email) throw new Error(`Checkout session ${session.id} has no customer email`);

  const { order, created } = await recordPaidCheckout({
    checkoutSessionId: session.id,
    paymentIntentId: typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id ?? null,
    email,
    userId: session.client_reference_id,
    amountTotal: session.amount_total ?? 0,
    currency: session.currency ?? "usd",
    productIds: [productId],
  });
  return { status: "fulfilled", orderId: order.id, created };
}
