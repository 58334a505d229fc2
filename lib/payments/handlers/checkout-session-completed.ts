import "server-only";
import type Stripe from "stripe";
import { fulfillCheckout } from "../fulfill-checkout";

export async function checkoutSessionCompleted(event: Stripe.Event) {
  const session = event.data.object as Stripe.Checkout.Session;
  await fulfillCheckout(session.id);
}
