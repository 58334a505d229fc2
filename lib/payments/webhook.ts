import "server-only";
import type Stripe from "stripe";
import { isEventProcessed, markEventFailed, markEventProcessed } from "../dal/stripe-events";
import { requestLog } from "../log";
import { chargeDisputeClosed, chargeDisputeCreated } from "./handlers/charge-dispute";
import { chargeRefunded } from "./handlers/charge-refunded";
import { checkoutAsyncPaymentFailed } from "./handlers/checkout-async-payment-failed";
import { checkoutSessionCompleted } from "./handlers/checkout-session-completed";

export const handlers: Partial<Record<Stripe.Event.Type, (event: Stripe.Event) => Promise<void>>> = {
  "checkout.session.completed": checkoutSessionCompleted,
  "checkout.session.async_payment_succeeded": checkoutSessionCompleted,
  "checkout.session.async_payment_failed": checkoutAsyncPaymentFailed,
  "charge.refunded": chargeRefunded,
  "charge.dispute.created": chargeDisputeCreated,
  "charge.dispute.closed": chargeDisputeClosed,
};

export type WebhookOutcome = "processed" | "duplicate" | "ignored" | "failed";

export async function handleStripeEvent(event: Stripe.Event): Promise<WebhookOutcome> {
  // Own keys only: an event type such as "constructor" must not reach Object.prototype.
  const handler = Object.hasOwn(handlers, event.type) ? handlers[event.type] : undefined;
  if (!handler) return "ignored";
  if (await isEventProcessed(event.id)) return "duplicate";
  try {
    await handler(event);
  } catch (error) {
    await markEventFailed(event.id, event.type, (error as Error).message);
    (await requestLog()).error({ err: error, eventType: event.type, eventId: event.id }, "stripe webhook handler failed");
    return "failed";
  }
  await markEventProcessed(event.id, event.type);
  return "processed";
}
