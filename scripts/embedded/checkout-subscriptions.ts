// Subscriptions for the stand-in. Checkout in `subscription` mode makes a customer, a subscription
// and its first invoice, paid at once; the admin endpoints bill a later period, paid or failed, as
// Stripe's billing cycle would; cancelling ends it. Shapes follow API 2026-10-28: the period lives
// on the subscription's items (`current_period_start`/`_end`), an invoice names its subscription
// and that subscription's metadata under `parent.subscription_details`, and its payments (with the
// PaymentIntent) are listed under `payments`, which Stripe includes only when expanded.
import { ApiError, newId, now } from "./checkout-form";
import type { LineItem } from "./checkout-items";
import type { Invoices } from "./checkout-invoices";

type Period = { start: number; end: number };
type Recurring = { interval: "day" | "week" | "month" | "year"; interval_count: number };
// What the first invoice was computed from (the paid session): every later period costs the same.
export type BilledSession = Parameters<Invoices["create"]>[0] & {
  customer_details: { email: string } | null;
};

export function nextPeriod(start: number, { interval, interval_count }: Recurring): Period {
  const date = new Date(start * 1000);
  if (interval === "day") date.setUTCDate(date.getUTCDate() + interval_count);
  if (interval === "week") date.setUTCDate(date.getUTCDate() + 7 * interval_count);
  if (interval === "month") date.setUTCMonth(date.getUTCMonth() + interval_count);
  if (interval === "year") date.setUTCFullYear(date.getUTCFullYear() + interval_count);
  return { start, end: Math.floor(date.getTime() / 1000) };
}

export function createSubscriptions(invoices: Invoices) {
  const subscriptions = new Map<string, ReturnType<typeof subscriptionFor>>();
  const billed = new Map<string, { session: BilledSession; items: LineItem[] }>();

  function subscriptionFor(customer: string, items: LineItem[], metadata: Record<string, string>) {
    const id = newId("sub");
    const created = now();
    const recurring = items.find((item) => item.price.recurring)!.price.recurring!;
    const period = nextPeriod(created, recurring);
    return {
      id,
      object: "subscription" as const,
      status: "active" as "active" | "past_due" | "canceled",
      customer,
      currency: items[0].currency,
      metadata,
      collection_method: "charge_automatically" as const,
      cancel_at_period_end: false,
      canceled_at: null as number | null,
      ended_at: null as number | null,
      created,
      start_date: created,
      billing_cycle_anchor: created,
      latest_invoice: null as string | null,
      livemode: false,
      items: {
        object: "list" as const,
        url: `/v1/subscription_items?subscription=${id}`,
        has_more: false,
        data: items.map(({ adjustable: _, ...item }) => ({
          id: newId("si"),
          object: "subscription_item" as const,
          subscription: id,
          quantity: item.quantity,
          current_period_start: period.start,
          current_period_end: period.end,
          metadata: {},
          price: { ...item.price, product: item.price.product.id },
        })),
      },
    };
  }
  type Subscription = ReturnType<typeof subscriptionFor>;

  // One period's invoice, paid (with its PaymentIntent) or left open after a failed attempt.
  function invoiceFor(subscription: Subscription, reason: string, paid: boolean, period: Period) {
    const { session, items } = billed.get(subscription.id)!;
    const invoice = invoices.create({ ...session, payment_status: paid ? "paid" : "unpaid" }, items);
    const paymentIntent = newId("pi");
    subscription.latest_invoice = invoice.id;
    return Object.assign(invoice, {
      billing_reason: reason,
      customer: subscription.customer,
      period_start: period.start,
      period_end: period.end,
      attempted: true,
      attempt_count: 1,
      metadata: {},
      parent: {
        type: "subscription_details",
        quote_details: null,
        subscription_details: { subscription: subscription.id, metadata: { ...subscription.metadata } },
      },
      payments: {
        object: "list",
        has_more: false,
        data: [
          {
            id: newId("inpay"),
            object: "invoice_payment",
            invoice: invoice.id,
            amount_paid: paid ? invoice.total : null,
            amount_requested: invoice.total,
            currency: invoice.currency,
            is_default: true,
            livemode: false,
            created: now(),
            status: paid ? "paid" : "open",
            payment: { type: "payment_intent", payment_intent: paymentIntent },
            status_transitions: { canceled_at: null, paid_at: paid ? now() : null },
          },
        ],
      },
    });
  }

  function find(id: string): Subscription {
    const found = subscriptions.get(id);
    if (!found) throw new ApiError(404, `No such subscription: '${id}'`, "id", "resource_missing");
    return found;
  }

  return {
    // After the buyer paid a subscription-mode session: the subscription and its paid first invoice.
    start(session: BilledSession, items: LineItem[], metadata: Record<string, string>) {
      const subscription = subscriptionFor(newId("cus"), items, metadata);
      subscriptions.set(subscription.id, subscription);
      billed.set(subscription.id, { session: structuredClone(session), items });
      const item = subscription.items.data[0];
      const period = { start: item.current_period_start, end: item.current_period_end };
      return { subscription, invoice: invoiceFor(subscription, "subscription_create", true, period) };
    },
    // The next period's invoice: paid moves the period on; failed leaves it and marks the
    // subscription past due (Stripe then retries, and cancels after its last retry).
    bill(id: string, outcome: "paid" | "failed") {
      const subscription = find(id);
      if (subscription.status === "canceled")
        throw new ApiError(400, `Subscription ${id} is canceled; it bills no more.`, "id");
      const item = subscription.items.data[0];
      const period = nextPeriod(item.current_period_end, item.price.recurring!);
      const invoice = invoiceFor(subscription, "subscription_cycle", outcome === "paid", period);
      if (outcome === "paid") {
        for (const line of subscription.items.data)
          Object.assign(line, { current_period_start: period.start, current_period_end: period.end });
        subscription.status = "active";
      } else subscription.status = "past_due";
      return { subscription, invoice };
    },
    cancel(id: string) {
      const subscription = find(id);
      if (subscription.status === "canceled")
        throw new ApiError(400, `Subscription ${id} is already canceled.`, "id");
      Object.assign(subscription, { status: "canceled", canceled_at: now(), ended_at: now() });
      return subscription;
    },
    get: find,
    all: () => [...subscriptions.values()],
  };
}

export type Subscriptions = ReturnType<typeof createSubscriptions>;
