import "server-only";
import type Stripe from "stripe";
import { enqueueEmail } from "../../dal/outbox";
import { sendAfterResponse } from "../../notifications/outbox";

// Queued before the webhook answers, sent after: one notice per checkout session.
export async function checkoutAsyncPaymentFailed(event: Stripe.Event) {
  const session = event.data.object as Stripe.Checkout.Session;
  const email = session.customer_details?.email ?? session.customer_email;
  if (!email) return;
  const dedupeKey = `payment_failed:${session.id}`;
  await enqueueEmail({ kind: "payment_failed", dedupeKey, email: email.toLowerCase() });
  sendAfterResponse({ dedupeKeys: [dedupeKey] });
}
