import "server-only";
import type Stripe from "stripe";
import { recordAudit } from "../../dal/audit";
import { unlinkSubscription } from "../../dal/renewals";
import { log } from "../../log";

// invoice.payment_failed: the buyer keeps what they paid for; the window stays where it is and
// Stripe retries the payment (its own dunning emails ask the buyer to update the card).
export async function invoicePaymentFailed(event: Stripe.Event) {
  const invoice = event.data.object as Stripe.Invoice;
  const entitlementId = invoice.parent?.subscription_details?.metadata?.entitlement_id;
  if (!entitlementId) return;
  log.warn({ invoiceId: invoice.id, entitlementId }, "automatic renewal payment failed");
  await recordAudit(null, "subscription.payment_failed", { type: "Entitlement", id: entitlementId });
}

// customer.subscription.deleted: cancelled (by the buyer, the seller or after failed retries).
// Nothing more renews; the window the paid invoices made stays.
export async function customerSubscriptionDeleted(event: Stripe.Event) {
  const subscription = event.data.object as Stripe.Subscription;
  await unlinkSubscription(subscription.id);
}
