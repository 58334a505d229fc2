// Fulfilment of renewals and upgrades: a paid checkout (or a paid subscription invoice) changes the
// entitlement its metadata names, the same one and the same licence key, exactly once per payment
// (lib/dal/entitlement-changes.ts). What was paid is read from Stripe, never from the caller.
import "server-only";
import type Stripe from "stripe";
import { discountCodeIdFor } from "../dal/discounts";
import { recordEntitlementChange, type PaidChange } from "../dal/entitlement-changes";
import { linkSubscription } from "../dal/renewals";
import { receiptKey } from "../dal/outbox";
import { sendAfterResponse } from "../notifications/outbox";
import { promotionCodeOf, saleRecordOf } from "./session-record";
import { stripe } from "./stripe";

export type ChangeResult = { status: "fulfilled"; orderId: string; created: boolean } | { status: "unpaid" };

const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === "string" ? value : (value?.id ?? null);
const countOf = (value: string | undefined) => (value && /^\d{1,5}$/.test(value) ? Number(value) : null);

export async function fulfillChangeSession(session: Stripe.Checkout.Session): Promise<ChangeResult> {
  const metadata = session.metadata ?? {};
  const entitlementId = metadata.entitlement_id;
  if (!entitlementId) throw new Error(`Checkout session ${session.id} names no entitlement`);
  // Automatic renewal: the subscription's first invoice is the first renewal, like every later one.
  if (session.mode === "subscription") {
    const subscription = idOf(session.subscription);
    if (subscription) await linkSubscription(entitlementId, subscription);
    const invoice = idOf(session.invoice);
    return invoice ? fulfillInvoice(invoice) : { status: "unpaid" };
  }
  const email = session.customer_details?.email ?? session.customer_email;
  if (!email) throw new Error(`Checkout session ${session.id} has no customer email`);
  const promotion = promotionCodeOf(session);
  const paid: PaidChange = {
    checkoutSessionId: session.id,
    paymentIntentId: idOf(session.payment_intent),
    email,
    ...saleRecordOf(session),
    discountCodeId: promotion ? await discountCodeIdFor(promotion.id) : null,
  };
  const months = countOf(metadata.months);
  const seats = countOf(metadata.seats);
  const { order, created } =
    metadata.kind === "renewal" && months
      ? await recordEntitlementChange({ kind: "renewal", entitlementId, months }, paid)
      : metadata.kind === "upgrade" && seats && metadata.tier_id
        ? await recordEntitlementChange(
            { kind: "upgrade", entitlementId, tierId: metadata.tier_id, seats },
            paid,
          )
        : unknownChange(session.id);
  sendAfterResponse({ dedupeKeys: [receiptKey(session.id)] });
  return { status: "fulfilled", orderId: order.id, created };
}

function unknownChange(sessionId: string): never {
  throw new Error(`Checkout session ${sessionId} names no renewal or upgrade it can apply`);
}

// What a subscription invoice renews: the metadata its subscription was created with. Only the
// subscription's own periods extend the window (its first invoice and each cycle); an invoice
// for a change to the subscription, or one not yet paid, does not.
const RENEWING = new Set(["subscription_create", "subscription_cycle"]);

export async function fulfillInvoice(invoiceId: string): Promise<ChangeResult> {
  const invoice = await stripe().invoices.retrieve(invoiceId, { expand: ["payments"] });
  const details = invoice.parent?.subscription_details;
  const entitlementId = details?.metadata?.entitlement_id;
  const months = countOf(details?.metadata?.months ?? undefined);
  if (!entitlementId || !months) throw new Error(`Invoice ${invoice.id} renews no entitlement`);
  if (invoice.status !== "paid" || !RENEWING.has(invoice.billing_reason ?? "")) return { status: "unpaid" };
  const subscription = idOf(details?.subscription);
  if (subscription) await linkSubscription(entitlementId, subscription);
  const payment = invoice.payments?.data.find((entry) => entry.status === "paid")?.payment;
  const paid: PaidChange = {
    checkoutSessionId: null,
    invoiceId: invoice.id,
    paymentIntentId: idOf(payment?.payment_intent),
    email: invoice.customer_email ?? "",
    amountSubtotal: invoice.subtotal,
    amountTax: (invoice.total_taxes ?? []).reduce((sum, tax) => sum + tax.amount, 0),
    amountTotal: invoice.amount_paid,
    currency: invoice.currency,
    invoiceNumber: invoice.number,
    invoiceUrl: invoice.hosted_invoice_url ?? null,
    invoicePdfUrl: invoice.invoice_pdf ?? null,
  };
  if (!paid.email) throw new Error(`Invoice ${invoice.id} has no customer email`);
  const { order, created } = await recordEntitlementChange({ kind: "renewal", entitlementId, months }, paid);
  sendAfterResponse({ dedupeKeys: [receiptKey(invoice.id)] });
  return { status: "fulfilled", orderId: order.id, created };
}
