"use client";

import { useActionState } from "react";
import { refundOrderAction } from "@/lib/actions/admin/orders";
import type { ActionState } from "@/lib/actions/action-state";
import type { RequestedRefund } from "@/lib/payments/refund-types";
import { formatMoney, parsePrice, priceInputValue } from "@/lib/money";
import { REFUND_NOTE_MAX } from "@/lib/schemas/limits";
import { REFUND_REASONS } from "@/lib/schemas/order-values";
import { ConfirmSubmit } from "./confirm-submit";
import { buttonClass, FormMessage, inputClass } from "./form-message";

const idle: ActionState<RequestedRefund> = { status: "idle" };
const REASON_LABELS: Record<(typeof REFUND_REASONS)[number], string> = {
  requested_by_customer: "Requested by the customer",
  duplicate: "Duplicate payment",
  fraudulent: "Fraudulent payment",
};

type Props = { orderId: string; currency: string; remaining: number; attempt: string };

// `attempt` is new with every render of the order page: a double click sends the same attempt
// twice, which Stripe (through the idempotency key) turns into one refund.
export function RefundForm({ orderId, currency, remaining, attempt }: Props) {
  const [state, action, pending] = useActionState(refundOrderAction, idle);
  const success =
    state.status === "success"
      ? `Refund of ${formatMoney(state.data.amount, state.data.currency)} sent to Stripe; access changes when Stripe confirms it.`
      : undefined;
  return (
    <form action={action} className="space-y-3" aria-label="Refund">
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="attempt" value={attempt} />
      <div className="flex flex-wrap gap-3">
        <label className="w-40 text-sm">
          <span className="mb-1 block text-zinc-600">Amount ({currency.toUpperCase()})</span>
          <input
            name="amount"
            required
            inputMode="decimal"
            defaultValue={priceInputValue(remaining, currency)}
            className={inputClass}
          />
        </label>
        <label className="grow basis-52 text-sm">
          <span className="mb-1 block text-zinc-600">Reason</span>
          <select name="reason" className={inputClass} defaultValue="requested_by_customer">
            {REFUND_REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {REASON_LABELS[reason]}
              </option>
            ))}
          </select>
        </label>
        <label className="grow basis-full text-sm">
          <span className="mb-1 block text-zinc-600">Note (optional, kept with the refund)</span>
          <input name="note" maxLength={REFUND_NOTE_MAX} className={inputClass} />
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <ConfirmSubmit
          disabled={pending}
          className={buttonClass}
          label="Refund"
          confirmLabel="Refund"
          consequence={(form) => {
            const parsed = parsePrice(String(form.get("amount") ?? ""), currency);
            if (!parsed.ok) return null; // the server says what is wrong with it
            const amount = formatMoney(parsed.amount, currency);
            return parsed.amount >= remaining
              ? `Refunds ${amount}, all that remains: once Stripe confirms, the buyer loses access and the licence key stops working.`
              : `Refunds ${amount} of ${formatMoney(remaining, currency)}: the buyer keeps access.`;
          }}
        />
        <FormMessage state={state} success={success} />
      </div>
    </form>
  );
}
