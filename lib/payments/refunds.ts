import "server-only";
import { createHash } from "node:crypto";
import Stripe from "stripe";
import { recordAudit, type AuditActor } from "../dal/audit";
import { findOrderForRefund } from "../dal/admin-orders";
import { log } from "../log";
import { formatMoney, parsePrice } from "../money";
import { failure, success, type Result } from "../result";
import type { RefundInput } from "../schemas/orders";
import { REFUND_METADATA, type RequestedRefund } from "./refund-types";
import { stripe } from "./stripe";

// Asks Stripe to refund part or all of an order. It changes no access itself: Stripe's
// charge.refunded and refund.* events do, exactly as for a refund made in Stripe's dashboard.
// Everything is checked before Stripe is called, so refused input sends nothing and writes nothing.
export async function refundOrder(input: RefundInput, actor: AuditActor): Promise<Result<RequestedRefund>> {
  const order = await findOrderForRefund(input.orderId);
  if (!order) return failure("not_found", "There is no such order.");
  const parsed = parsePrice(input.amount, order.currency);
  if (!parsed.ok) return failure("invalid_input", `amount: ${parsed.message}`);
  const remaining = order.amountTotal - order.amountRefunded;
  if (parsed.amount === 0) return failure("invalid_input", "amount: a refund must be more than zero");
  if (parsed.amount > remaining)
    return failure(
      "invalid_input",
      remaining === 0
        ? "amount: this order is refunded in full already"
        : `amount: at most ${formatMoney(remaining, order.currency)} remains to refund`,
    );
  if (!order.stripePaymentIntentId)
    return failure("invalid_input", "This order has no Stripe payment to refund.");
  if (order.disputeStatus === "open" || order.disputeStatus === "lost")
    return failure("invalid_input", "The payment is disputed: Stripe refunds it only if the dispute is won.");

  const params: Stripe.RefundCreateParams = {
    payment_intent: order.stripePaymentIntentId,
    amount: parsed.amount,
    reason: input.reason,
    metadata: {
      [REFUND_METADATA.order]: String(order.number),
      ...(input.note && { [REFUND_METADATA.note]: input.note }),
      [REFUND_METADATA.adminId]: actor.id,
      [REFUND_METADATA.adminEmail]: actor.kind === "user" ? actor.email : actor.name,
    },
  };
  try {
    const refund = await stripe().refunds.create(params, { idempotencyKey: idempotencyKey(input, params) });
    await recordAudit(
      actor,
      "order.refund",
      { type: "Order", id: order.id },
      {
        refundId: refund.id,
        amount: refund.amount,
        currency: refund.currency,
        reason: input.reason,
      },
    );
    return success({
      refundId: refund.id,
      amount: refund.amount,
      currency: refund.currency,
      status: refund.status,
    });
  } catch (error) {
    return refusal(error);
  }
}

// The form's attempt id and what is asked: the same form sent twice (a double click, a resent
// request) is one refund; a corrected amount or note is a new request, as Stripe requires of a key.
function idempotencyKey(input: RefundInput, params: Stripe.RefundCreateParams) {
  const asked = createHash("sha256").update(JSON.stringify(params)).digest("hex").slice(0, 24);
  return `downlink-refund-${input.orderId}-${input.attempt}-${asked}`;
}

function refusal(error: unknown): Result<RequestedRefund> {
  // The first click of a double click is still with Stripe: that one refunds.
  if (error instanceof Stripe.errors.StripeError && error.code === "idempotency_key_in_use")
    return failure("conflict", "This refund is already on its way to Stripe; reload the page in a moment.");
  // Stripe's own refusal (already refunded, more than the charge holds) is the admin's to read.
  if (error instanceof Stripe.errors.StripeInvalidRequestError)
    return failure("invalid_input", `Stripe refused the refund: ${error.message}`);
  log.error({ err: error }, "refund could not be created");
  return failure("unavailable", "Stripe did not answer; try again (the same form never refunds twice).");
}
