import "server-only";
import type Stripe from "stripe";
import { env } from "../../env";
import { sendPaymentFailed } from "../../mail/receipt";

export async function checkoutAsyncPaymentFailed(event: Stripe.Event) {
  const session = event.data.object as Stripe.Checkout.Session;
  const email = session.customer_details?.email ?? session.customer_email;
  if (email) await sendPaymentFailed(email, env().APP_URL);
}
