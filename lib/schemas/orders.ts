// What the admin's order pages send: a refund and the orders list's search and filters. The one
// place these fields' limits live. The amount stays text here: only the order's currency says
// what it means, so lib/payments/refunds.ts parses it with lib/money.ts once the order is known.
import { z } from "zod";
import { lineText, recordId } from "../input-schemas";
import { REFUND_NOTE_MAX } from "./limits";
import { ORDER_STATUSES, REFUND_REASONS } from "./order-values";

export const refundForm = z.object({
  orderId: recordId,
  amount: z.string().trim().min(1, "enter an amount").max(20, "at most 20 characters"),
  reason: z.enum(REFUND_REASONS),
  note: lineText(REFUND_NOTE_MAX).optional().default(""),
  // Rendered with the form, so a double click (or a resent form) is the same refund to Stripe.
  attempt: z.string().regex(/^[A-Za-z0-9-]{16,64}$/, "reload the page and try again"),
});
export type RefundInput = z.infer<typeof refundForm>;

const optionalId = z.union([recordId, z.literal("")]).optional();

// The search box takes an email (or part of one), an order number or a licence key.
export const orderFilters = z.object({
  q: lineText(200).optional().default(""),
  product: optionalId,
  tier: optionalId,
  status: z.union([z.enum(ORDER_STATUSES), z.literal("")]).optional(),
});
export type OrderFilterInput = z.infer<typeof orderFilters>;
