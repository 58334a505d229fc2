// Refunds on the checkout stand-in, as Stripe makes them (API 2026-10-28): `POST /v1/refunds`
// (by payment_intent or charge, in part or in full, with a reason and metadata), retrieve and
// list, and the local dashboard's refund buttons. Each refund sends what Stripe sends for a card
// refund since 2024-10-28.acacia: `charge.refunded` (the charge, its cumulative amount_refunded)
// and `refund.created` (the refund, already succeeded as test-mode card refunds are).
import { ApiError, asString, metadataOf, newId, now, oneOf, type Form } from "./checkout-form";
import { chargeableAmount } from "./checkout-items";
import type { Charge, Dispute } from "./checkout-store";
import type { StripeEvent } from "./checkout-delivery";

export const REFUND_REASONS = ["duplicate", "fraudulent", "requested_by_customer"] as const;

export type Refund = {
  id: string;
  object: "refund";
  amount: number;
  balance_transaction: string;
  charge: string;
  created: number;
  currency: string;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: (typeof REFUND_REASONS)[number] | null;
  receipt_number: null;
  source_transfer_reversal: null;
  status: "succeeded";
  transfer_reversal: null;
};

type Emit = (type: string, object: object, previous?: Record<string, unknown>) => Promise<StripeEvent>;

// What a refund is made against: a checkout's purchase or a subscription invoice's charge.
type Payment = { charge: Charge | null; dispute: Dispute | null };

export function createRefunds(payments: () => Payment[], emit: Emit) {
  const made: Refund[] = []; // oldest first

  function paymentFor(form: Form): Payment {
    const intent = asString(form.payment_intent);
    const chargeId = asString(form.charge);
    if (!intent && !chargeId)
      throw new ApiError(
        400,
        "You must pass either `charge` or `payment_intent`.",
        undefined,
        "parameter_missing",
      );
    const found = payments().find((p) =>
      intent ? p.charge?.payment_intent === intent : p.charge?.id === chargeId,
    );
    if (!found)
      throw intent
        ? new ApiError(404, `No such payment_intent: '${intent}'`, "payment_intent", "resource_missing")
        : new ApiError(404, `No such charge: '${chargeId}'`, "charge", "resource_missing");
    return found;
  }

  function refundable(payment: Payment): Charge {
    const charge = payment.charge;
    if (!charge)
      throw new ApiError(
        400,
        `This PaymentIntent does not have a successful charge to refund.`,
        "payment_intent",
      );
    if (payment.dispute && payment.dispute.status !== "won")
      throw new ApiError(
        400,
        `Charge ${charge.id} has been charged back; cannot issue a refund.`,
        undefined,
        "charge_disputed",
      );
    if (charge.amount_refunded >= charge.amount)
      throw new ApiError(
        400,
        `Charge ${charge.id} has already been refunded.`,
        undefined,
        "charge_already_refunded",
      );
    return charge;
  }

  // Everything is checked before anything changes: a refused refund leaves the charge as it was.
  async function refund(payment: Payment, form: Form) {
    const charge = refundable(payment);
    const remaining = charge.amount - charge.amount_refunded;
    const amount =
      form.amount === undefined ? remaining : chargeableAmount(form.amount, "amount", charge.currency, 1);
    if (amount > remaining)
      throw new ApiError(
        400,
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining}).`,
        "amount",
        "amount_too_large",
      );
    const reason = form.reason === undefined ? null : oneOf(form.reason, "reason", REFUND_REASONS);
    const created: Refund = {
      id: newId("re"),
      object: "refund",
      amount,
      balance_transaction: newId("txn"),
      charge: charge.id,
      created: now(),
      currency: charge.currency,
      metadata: metadataOf(form.metadata),
      payment_intent: charge.payment_intent,
      reason,
      receipt_number: null,
      source_transfer_reversal: null,
      status: "succeeded",
      transfer_reversal: null,
    };
    made.push(created);
    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded >= charge.amount;
    const chargeEvent = await emit("charge.refunded", charge, previous);
    await emit("refund.created", created);
    return { refund: created, chargeEvent };
  }

  return {
    // POST /v1/refunds
    create: async (form: Form) => (await refund(paymentFor(form), form)).refund,
    // The dashboard's and tests' refund of a session or an invoice; answers the charge.refunded event.
    ofPurchase: async (payment: Payment, form: Form) => (await refund(payment, form)).chargeEvent,
    get(id: string): Refund {
      const found = made.find((r) => r.id === id);
      if (!found) throw new ApiError(404, `No such refund: '${id}'`, "id", "resource_missing");
      return found;
    },
    // Newest first, optionally of one payment intent or charge, as GET /v1/refunds lists them.
    list: (form: Form) =>
      [...made]
        .reverse()
        .filter(
          (r) =>
            (!asString(form.payment_intent) || r.payment_intent === form.payment_intent) &&
            (!asString(form.charge) || r.charge === form.charge),
        ),
  };
}

export type Refunds = ReturnType<typeof createRefunds>;
