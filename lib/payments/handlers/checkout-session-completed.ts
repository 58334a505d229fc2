import "server-only";
import type Stripe from "stripe";
import { fulfillCheckout } from "../fulfill-checkout";

// Also handles checkout.session.async_payment_succeeded: fulfilment re-reads the session and
// grants only once it is paid.
export async function checkoutSessionCompleted(event: Stripe.Event) {
  const session = event.data.object as Stripe.Checkout.Session;
  await fulfillCheckout(session.id);
}
