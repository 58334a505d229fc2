import "server-only";
import type Stripe from "stripe";
import { claimEvent, markEventFailed, markEventProcessed } from "../dal/stripe-events";
import { log } from "../log";
import { chargeDisputeClosed, chargeDisputeCreated } from "./handlers/charge-dispute";
import { chargeRefunded } from "./handlers/charge-refunded";
import { checkoutAsyncPaymentFailed } from "./handlers/checkout-async-payment-failed";
import { checkoutSessionCompleted } from "./handlers/checkout-session-completed";
import { refundRecorded } from "./handlers/refund-recorded";
import { invoicePaid } from "./handlers/invoice-paid";
import { customerSubscriptionDeleted, invoicePaymentFailed } from "./handlers/subscription-ended";
import { stripeLivemode } from "./stripe";

export const handlers: Partial<Record<Stripe.Event.Type, (event: Stripe.Event) => Promise<void>>> = {
  "checkout.session.completed": checkoutSessionCompleted,
  "checkout.session.async_payment_succeeded": checkoutSessionCompleted,
  "checkout.session.async_payment_failed": checkoutAsyncPaymentFailed,
  "charge.refunded": chargeRefunded,
  "refund.created": refundRecorded,
  "refund.updated": refundRecorded,
  "refund.failed": refundRecorded,
  "charge.dispute.created": chargeDisputeCreated,
  "charge.dispute.closed": chargeDisputeClosed,
  // Automatic renewal (a subscription per entitlement): each paid invoice extends the window once.
  "invoice.paid": invoicePaid,
  "invoice.payment_succeeded": invoicePaid,
  "invoice.payment_failed": invoicePaymentFailed,
  "customer.subscription.deleted": customerSubscriptionDeleted,
};

// processed: this delivery ran the handler. duplicate: an earlier one did. in_progress: another
// delivery is running it right now (it may still fail, so this one must be retried).
// wrong_mode: a test-mode event on a live key or the reverse, which must never grant anything.
export type WebhookOutcome = "processed" | "duplicate" | "in_progress" | "ignored" | "wrong_mode" | "failed";

export async function handleStripeEvent(event: Stripe.Event): Promise<WebhookOutcome> {
  // Own keys only: an event type such as "constructor" must not reach Object.prototype.
  const handler = Object.hasOwn(handlers, event.type) ? handlers[event.type] : undefined;
  if (!handler) return "ignored";
  // Every real event says which mode it belongs to; one that does not say is not trusted either.
  if (event.livemode !== stripeLivemode()) return "wrong_mode";

  const claim = await claimEvent(event.id, event.type);
  if (claim.status !== "claimed") return claim.status === "processed" ? "duplicate" : "in_progress";
  try {
    await handler(event);
  } catch (error) {
    await markEventFailed(event.id, claim.token, (error as Error).message);
    log.error({ err: error, eventType: event.type, eventId: event.id }, "stripe webhook handler failed");
    return "failed";
  }
  await markEventProcessed(event.id);
  return "processed";
}
