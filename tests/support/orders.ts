// Paid orders the way the store gets them: a Checkout Session on the stand-in, paid on its page,
// and the signed checkout.session.completed event delivered to the webhook route. Then the
// events a refund made Stripe send, delivered the same way.
import type Stripe from "stripe";
import { createUser, prisma, unique } from "./fixtures";
import { completedEvent, deliver, pay, stripe } from "./stripe";

export async function paidOrder(options: { currency?: string; unitAmount?: number; tierName?: string } = {}) {
  const { currency = "usd", unitAmount = 1500, tierName = "Standard" } = options;
  const buyer = await createUser();
  const product = await prisma.product.create({
    data: {
      slug: unique("sold"),
      name: `Sold ${unique("p")}`,
      tiers: { create: { name: tierName, priceCents: unitAmount, currency } },
    },
    include: { tiers: true },
  });
  const created = await stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [
      {
        quantity: 1,
        price_data: { currency, unit_amount: unitAmount, product_data: { name: product.name } },
      },
    ],
    metadata: { product_id: product.id, tier_id: product.tiers[0].id },
    client_reference_id: buyer.id,
    customer_email: buyer.email,
    success_url: "http://localhost/success?session_id={CHECKOUT_SESSION_ID}",
  });
  const session = await pay(created.id, buyer.email);
  const answer = await deliver(completedEvent(session));
  if (answer.status !== 200) throw new Error(`checkout webhook answered ${answer.status}`);
  const order = await prisma.order.findUniqueOrThrow({
    where: { stripeCheckoutSessionId: session.id },
    include: { entitlements: { include: { license: true } } },
  });
  return {
    buyer,
    product,
    tier: product.tiers[0],
    session,
    order,
    paymentIntent: order.stripePaymentIntentId!,
  };
}

export const REFUND_EVENTS = ["charge.refunded", "refund.created", "refund.updated", "refund.failed"];

// The refund events Stripe sent about one payment and not yet in `seen`, oldest first.
export async function refundEventsOf(paymentIntent: string, seen = new Set<string>()) {
  const listed = await stripe.events.list({ types: REFUND_EVENTS, limit: 100 });
  return listed.data
    .filter((event) => (event.data.object as { payment_intent?: string }).payment_intent === paymentIntent)
    .filter((event) => !seen.has(event.id))
    .reverse();
}

// Delivers them to the webhook route, signed, as Stripe would; answers the ids delivered.
export async function deliverRefundEvents(paymentIntent: string, seen = new Set<string>()) {
  const events: Stripe.Event[] = await refundEventsOf(paymentIntent, seen);
  for (const event of events) {
    const answer = await deliver(event);
    if (answer.status !== 200) throw new Error(`${event.type} answered ${answer.status}`);
    seen.add(event.id);
  }
  return events.map((event) => event.type);
}

// What the stand-in holds as refunds of the payment: what Stripe was really asked to do.
export const refundsAtStripe = async (paymentIntent: string) =>
  (await stripe.refunds.list({ payment_intent: paymentIntent, limit: 100 })).data;
