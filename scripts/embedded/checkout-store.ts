// The stand-in's in-memory Stripe objects (sessions, charges, disputes, events) and the
// state changes that emit events. Shapes follow API version 2026-10-28.endive, trimmed to
// the fields a store reads. Dev/test only: nothing survives a restart.
import type { SentEvent, StripeEvent } from "./checkout-delivery";
import {
  ApiError,
  asObject,
  asString,
  httpUrl,
  metadataOf,
  newId,
  now,
  oneOf,
  type Form,
} from "./checkout-form";
import { parseLineItems, setQuantity, type LineItem } from "./checkout-items";
import { createCatalog } from "./checkout-discounts";
import { createInvoices } from "./checkout-invoices";
import { createRefunds } from "./checkout-refunds";
import { createSubscriptions } from "./checkout-subscriptions";
import { buyerDetails, customerDetails, sessionOptions, type BuyerInput } from "./checkout-options";
import { computeTotals, type AppliedDiscount } from "./checkout-totals";

export const API_VERSION = "2026-10-28.endive"; // what stripe 23.1 pins; events claim the same

export type Session = Record<string, unknown> &
  ReturnType<typeof sessionOptions> & {
    id: string;
    status: "open" | "complete";
    payment_status: "paid" | "unpaid";
    amount_total: number;
    amount_subtotal: number;
    total_details: ReturnType<typeof computeTotals>["total_details"];
    currency: string;
    customer_email: string | null;
    customer_details: ReturnType<typeof customerDetails> | null;
    payment_intent: string | null;
    success_url: string;
    cancel_url: string | null;
    created: number;
  };

export type Charge = {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  refunded: boolean;
  disputed: boolean;
  captured: true;
  currency: string;
  payment_intent: string;
  paid: true;
  status: "succeeded";
  created: number;
  livemode: false;
  metadata: Record<string, string>;
  billing_details: { address: null; email: string | null; name: null; phone: null };
  payment_method_details:
    | {
        type: "card";
        card: { brand: "visa"; last4: "4242"; exp_month: 12; exp_year: number; funding: "credit" };
      }
    | { type: "customer_balance"; customer_balance: Record<string, never> };
};

export type Dispute = {
  id: string;
  object: "dispute";
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string;
  status: "needs_response" | "won" | "lost";
  reason: "fraudulent";
  is_charge_refundable: boolean;
  metadata: Record<string, string>;
  created: number;
  livemode: false;
};

// A session plus what happened to its money. A charge exists once the session is paid;
// Stripe allows one dispute per charge.
export type Purchase = {
  session: Session;
  items: LineItem[];
  charge: Charge | null;
  dispute: Dispute | null;
  awaitingTransfer: boolean;
  // The promotion code the buyer applied on the pay page, checked again when they pay.
  discount: AppliedDiscount | null;
  // subscription_data.metadata of a subscription-mode session: the subscription gets it.
  subscriptionMetadata: Record<string, string>;
};

export type PaymentMethod = "card" | "bank_transfer";
// What the buyer chose on the pay page besides the payment method.
export type Choices = BuyerInput;

export const successUrl = (session: Session) =>
  session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id);

export function createStore(baseUrl: () => string, send: (record: SentEvent) => Promise<void>) {
  const purchases = new Map<string, Purchase>(); // Map keeps insertion order: oldest first
  const sent: SentEvent[] = [];
  const catalog = createCatalog();
  const invoices = createInvoices(baseUrl);
  const subscriptions = createSubscriptions(invoices);
  // The charge that paid each subscription invoice, for refunds and for GET /v1/charges.
  const invoiceCharges = new Map<string, Charge>();
  // Refunds by payment intent or charge, of a checkout's charge or a subscription invoice's.
  const refunds = createRefunds(
    () => [
      ...purchases.values(),
      ...[...invoiceCharges.values()].map((charge) => ({ charge, dispute: null })),
    ],
    emit,
  );

  async function emit(type: string, object: object, previous?: Record<string, unknown>) {
    const event: StripeEvent = {
      id: newId("evt"),
      object: "event",
      api_version: API_VERSION,
      type,
      created: now(),
      livemode: false,
      data: {
        object: structuredClone(object) as Record<string, unknown>,
        ...(previous && { previous_attributes: previous }),
      },
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    };
    const record: SentEvent = { event, delivered: false, attempts: 0, last_status: null, last_error: null };
    sent.push(record);
    await send(record);
    return event;
  }

  const get = (id: string) => purchases.get(id);

  // Stripe's branding_settings, the two fields the store sends: its name and its button colour.
  function brandingOf(value: unknown) {
    const given = metadataOf(value);
    const color = /^#[0-9a-fA-F]{6}$/.test(given.button_color ?? "") ? given.button_color : null;
    return { display_name: given.display_name?.slice(0, 100) ?? null, button_color: color };
  }

  function createSession(form: Form): Session {
    const mode = oneOf(form.mode, "mode", ["payment", "subscription"] as const);
    const items = parseLineItems(form.line_items, catalog.product);
    const currency = items[0].currency;
    if (items.some((item) => item.currency !== currency))
      throw new ApiError(400, "All line items must use the same currency.", "line_items");
    const options = sessionOptions(form);
    checkMode(mode, items, options.invoice_creation.enabled);
    const { reverse: _, ...totals } = computeTotals(items, {
      automaticTax: false,
      address: null,
      taxId: null,
    });
    const id = newId("cs");
    const created = now();
    const session: Session = {
      id,
      object: "checkout.session",
      url: `${baseUrl()}/pay/${id}`,
      status: "open",
      payment_status: "unpaid",
      mode,
      subscription: null as string | null,
      ...totals,
      ...options,
      currency,
      client_reference_id: asString(form.client_reference_id) ?? null,
      customer: null,
      customer_email: asString(form.customer_email) ?? null,
      customer_details: null,
      metadata: metadataOf(form.metadata),
      allow_promotion_codes: form.allow_promotion_codes === "true" ? true : null,
      branding_settings: brandingOf(form.branding_settings),
      success_url: httpUrl(form.success_url, "success_url"),
      cancel_url: form.cancel_url === undefined ? null : httpUrl(form.cancel_url, "cancel_url"),
      payment_intent: null,
      created,
      expires_at: created + 24 * 3600,
      livemode: false,
    };
    purchases.set(id, {
      session,
      items,
      charge: null,
      dispute: null,
      awaitingTransfer: false,
      discount: null,
      subscriptionMetadata: metadataOf(asObject(form.subscription_data)?.metadata),
    });
    return session;
  }

  function find(id: string): Purchase {
    const found = get(id);
    if (!found) throw new ApiError(404, `No such checkout.session: '${id}'`, "id", "resource_missing");
    return found;
  }

  const chargeFor = (session: Session, method: PaymentMethod): Charge => ({
    id: newId("ch"),
    object: "charge",
    amount: session.amount_total,
    amount_captured: session.amount_total,
    amount_refunded: 0,
    refunded: false,
    disputed: false,
    captured: true,
    currency: session.currency,
    payment_intent: session.payment_intent!,
    paid: true,
    status: "succeeded",
    created: now(),
    livemode: false,
    metadata: {},
    billing_details: {
      address: null,
      email: session.customer_details?.email ?? null,
      name: null,
      phone: null,
    },
    // Stripe's test card, or a bank transfer into the customer's balance.
    payment_method_details:
      method === "card"
        ? {
            type: "card",
            card: {
              brand: "visa",
              last4: "4242",
              exp_month: 12,
              exp_year: new Date().getFullYear() + 3,
              funding: "credit",
            },
          }
        : { type: "customer_balance", customer_balance: {} },
  });

  // Stripe's "first-time transaction": no earlier successful payment by this email.
  const paidBefore = (email: string) =>
    [...purchases.values()].some(
      (p) => p.charge && p.session.customer_details?.email?.toLowerCase() === email.toLowerCase(),
    );

  // A code the buyer types on the pay page, checked as Stripe checks it; the email, once known,
  // decides a first-purchase-only code.
  function applyCode(purchase: Purchase, typed: string | undefined, email?: string) {
    const { session, items } = purchase;
    const code = typed?.trim() || purchase.discount?.code;
    if (!code) return;
    if (!session.allow_promotion_codes)
      throw new ApiError(400, "This checkout does not accept promotion codes.", "promotion_code");
    const found = catalog.redeemable(code, {
      currency: session.currency,
      productIds: items.map((item) => item.price.product.id),
      firstPurchase: email ? !paidBefore(email) : null,
    });
    purchase.discount = {
      coupon: found.coupon,
      promotionCodeId: found.code.id,
      sessionId: session.id,
      code: found.code.code,
    };
  }

  // The pay page's "Apply": the code is kept on the session and the amounts shown take it off.
  function applyPromotionCode(id: string, typed: string, choices: Choices = {}) {
    const purchase = find(id);
    if (purchase.session.status === "complete") return;
    if (choices.quantity !== undefined) setQuantity(purchase.items[0], choices.quantity);
    applyCode(purchase, typed);
    const { reverse: _, ...totals } = computeTotals(purchase.items, {
      automaticTax: false,
      address: null,
      taxId: null,
      discount: purchase.discount,
    });
    Object.assign(purchase.session, totals);
  }

  // A card pays at once; a bank transfer completes the session unpaid until it settles.
  async function pay(id: string, email: string, method: PaymentMethod, choices: Choices = {}): Promise<void> {
    const purchase = find(id);
    const { session } = purchase;
    if (session.status === "complete") return;
    if (session.mode === "subscription" && method !== "card")
      throw new ApiError(400, "A subscription is paid by card here.", "payment_method");
    const options = session;
    const buyer = buyerDetails(options, choices);
    if (choices.quantity !== undefined) setQuantity(purchase.items[0], choices.quantity);
    applyCode(purchase, choices.promotionCode, email);
    const automaticTax = options.automatic_tax.enabled;
    const { reverse, ...totals } = computeTotals(purchase.items, {
      automaticTax,
      ...buyer,
      discount: purchase.discount,
    });
    Object.assign(session, totals, {
      automatic_tax: { ...options.automatic_tax, status: automaticTax ? "complete" : null },
      consent: buyer.consented ? { terms_of_service: "accepted", promotions: null } : null,
    });
    Object.assign(session, {
      // Stripe clears `url` once a session completes; the pay page keeps working here regardless.
      status: "complete",
      payment_status: method === "card" ? "paid" : "unpaid",
      // A subscription-mode session has none: its first invoice carries the PaymentIntent.
      payment_intent: session.mode === "subscription" ? null : newId("pi"),
      url: null,
      customer_email: session.customer_email ?? email,
      customer_details: customerDetails(email, buyer, reverse),
    });
    if (purchase.discount) catalog.redeem(purchase.discount.promotionCodeId);
    if (session.mode === "subscription") return startSubscription(purchase);
    if (method === "card") purchase.charge = chargeFor(session, method);
    purchase.awaitingTransfer = method === "bank_transfer";
    if (session.invoice_creation.enabled) session.invoice = invoices.create(session, purchase.items).id;
    await emit("checkout.session.completed", session);
  }

  // A paid subscription-mode session: no PaymentIntent of its own; its first invoice has one.
  async function startSubscription(purchase: Purchase) {
    const { session } = purchase;
    const billed = { ...session, customer_details: session.customer_details! };
    const { subscription, invoice } = subscriptions.start(
      billed,
      purchase.items,
      purchase.subscriptionMetadata,
    );
    purchase.charge = invoiceCharge(invoice, session);
    Object.assign(session, {
      subscription: subscription.id,
      invoice: invoice.id,
      customer: subscription.customer,
    });
    await emit("checkout.session.completed", session);
    await emit("invoice.paid", invoice);
    await emit("invoice.payment_succeeded", invoice);
  }

  function invoiceCharge(
    invoice: { id: string; payments: { data: { payment: { payment_intent: string } }[] } },
    session: Session,
  ) {
    const charge = chargeFor(
      { ...session, payment_intent: invoice.payments.data[0].payment.payment_intent },
      "card",
    );
    invoiceCharges.set(invoice.id, charge);
    return charge;
  }

  // The next period of a subscription, as Stripe's billing cycle bills it: paid or failed.
  async function billSubscription(id: string, form: Form) {
    const outcome = oneOf(form.outcome, "outcome", ["paid", "failed"] as const);
    const purchase = [...purchases.values()].find((p) => p.session.subscription === id);
    const { invoice } = subscriptions.bill(id, outcome);
    if (outcome === "failed") return emit("invoice.payment_failed", invoice);
    invoiceCharge(invoice, purchase!.session);
    await emit("invoice.paid", invoice);
    return emit("invoice.payment_succeeded", invoice);
  }

  // DELETE /v1/subscriptions/:id answers at once; the event follows, as Stripe's does.
  function cancelSubscription(id: string) {
    const subscription = subscriptions.cancel(id);
    void emit("customer.subscription.deleted", subscription);
    return subscription;
  }

  function paidCharge(purchase: Purchase): Charge {
    if (!purchase.charge)
      throw new ApiError(400, `Checkout session ${purchase.session.id} has no successful payment.`, "id");
    return purchase.charge;
  }

  // The dashboard's refund of a session, through the same path as POST /v1/refunds.
  async function refund(id: string, form: Form) {
    const purchase = find(id);
    paidCharge(purchase);
    return refunds.ofPurchase(purchase, form);
  }

  // A subscription invoice's charge, refunded like a checkout's.
  async function refundInvoice(id: string, form: Form) {
    const charge = invoiceCharges.get(id);
    if (!charge) throw new ApiError(404, `No such invoice: '${id}'`, "id", "resource_missing");
    return refunds.ofPurchase({ charge, dispute: null }, form);
  }

  async function openDispute(id: string) {
    const purchase = find(id);
    const charge = paidCharge(purchase);
    if (purchase.dispute) throw new ApiError(400, `Charge ${charge.id} has already been disputed.`, "id");
    const amount = charge.amount - charge.amount_refunded;
    if (amount === 0)
      throw new ApiError(400, `Charge ${charge.id} is fully refunded; nothing to dispute.`, "id");
    charge.disputed = true;
    purchase.dispute = {
      id: newId("dp"),
      object: "dispute",
      amount,
      currency: charge.currency,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      status: "needs_response",
      reason: "fraudulent",
      is_charge_refundable: false,
      metadata: {},
      created: now(),
      livemode: false,
    };
    return emit("charge.dispute.created", purchase.dispute);
  }

  async function closeDispute(disputeId: string, form: Form) {
    const dispute = [...purchases.values()].find((p) => p.dispute?.id === disputeId)?.dispute;
    if (!dispute) throw new ApiError(404, `No such dispute: '${disputeId}'`, "id", "resource_missing");
    const outcome = oneOf(form.outcome, "outcome", ["won", "lost"] as const);
    if (dispute.status !== "needs_response")
      throw new ApiError(400, `Dispute ${dispute.id} is already closed (${dispute.status}).`, "id");
    const previous = { status: dispute.status };
    dispute.status = outcome;
    return emit("charge.dispute.closed", dispute, previous);
  }

  async function settle(id: string, form: Form) {
    const purchase = find(id);
    const outcome = oneOf(form.outcome, "outcome", ["succeeded", "failed"] as const);
    if (!purchase.awaitingTransfer)
      throw new ApiError(400, `Checkout session ${id} is not waiting for a bank transfer.`, "id");
    purchase.awaitingTransfer = false;
    if (outcome === "failed") return emit("checkout.session.async_payment_failed", purchase.session);
    purchase.session.payment_status = "paid";
    purchase.charge = chargeFor(purchase.session, "bank_transfer");
    if (purchase.session.invoice) invoices.markPaid(purchase.session.invoice);
    return emit("checkout.session.async_payment_succeeded", purchase.session);
  }

  return {
    catalog,
    invoices,
    refunds,
    createSession,
    get,
    find,
    applyPromotionCode,
    pay,
    refund,
    openDispute,
    closeDispute,
    settle,
    subscriptions,
    billSubscription,
    cancelSubscription,
    refundInvoice,
    purchases: () => [...purchases.values()].reverse(),
    sent: () => sent,
    events: () => sent.map((record) => record.event).reverse(),
    charges: () => [
      ...new Set([
        ...[...purchases.values()].flatMap((p) => (p.charge ? [p.charge] : [])),
        ...invoiceCharges.values(),
      ]),
    ],
    disputes: () => [...purchases.values()].flatMap((p) => (p.dispute ? [p.dispute] : [])),
  };
}

// Stripe's rules for which prices a mode takes: a subscription needs a recurring one, a payment
// none, and only a payment makes a Checkout invoice (a subscription's invoices are its own).
function checkMode(mode: "payment" | "subscription", items: LineItem[], invoiceCreation: boolean) {
  const recurring = items.some((item) => item.price.recurring);
  if (mode === "subscription" && !recurring)
    throw new ApiError(
      400,
      "You must provide at least one recurring price in `subscription` mode.",
      "line_items",
    );
  if (mode === "payment" && recurring)
    throw new ApiError(
      400,
      "You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.",
      "line_items",
    );
  if (mode === "subscription" && invoiceCreation)
    throw new ApiError(400, "`invoice_creation` can only be used in `payment` mode.", "invoice_creation");
}

export type Store = ReturnType<typeof createStore>;
