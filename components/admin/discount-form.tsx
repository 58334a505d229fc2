"use client";

import { useActionState, useState } from "react";
import { createDiscountAction, deactivateDiscountAction } from "@/lib/actions/admin/discounts";
import type { ActionState } from "@/lib/actions/action-state";
import { SELLABLE_CURRENCIES } from "@/lib/money";
import { buttonClass, FormMessage, inputClass } from "./form-message";

export type DiscountProduct = { id: string; name: string; tiers: { id: string; name: string }[] };

const label = "block space-y-1 text-sm font-medium text-zinc-700";

// A new code: what it takes off, until when and how often, and for which products or tiers.
export function DiscountForm({ products }: { products: DiscountProduct[] }) {
  const [state, action, pending] = useActionState(createDiscountAction, { status: "idle" } as ActionState<{
    id: string;
    code: string;
  }>);
  const [kind, setKind] = useState<"percent" | "amount">("percent");
  return (
    <form
      action={action}
      aria-label="New discount code"
      className="space-y-4 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <label className={label}>
          <span>Code</span>
          <input name="code" required placeholder="LAUNCH20" autoComplete="off" className={inputClass} />
        </label>
        <fieldset className="space-y-1 text-sm">
          <legend className="font-medium text-zinc-700">Takes off</legend>
          <div className="flex flex-wrap items-center gap-3 pt-1">
            {(["percent", "amount"] as const).map((value) => (
              <label key={value} className="flex items-center gap-1.5">
                <input
                  type="radio"
                  name="kind"
                  value={value}
                  checked={kind === value}
                  onChange={() => setKind(value)}
                />
                {value === "percent" ? "a percentage" : "a fixed amount"}
              </label>
            ))}
          </div>
        </fieldset>
        {kind === "percent" ? (
          <label className={label}>
            <span>Percent off</span>
            <input name="percentOff" inputMode="numeric" placeholder="20" className={inputClass} />
          </label>
        ) : (
          <div className="grid grid-cols-[1fr_7rem] gap-2">
            <label className={label}>
              <span>Amount off</span>
              <input name="amount" inputMode="decimal" placeholder="10.00" className={inputClass} />
            </label>
            <label className={label}>
              <span>Currency</span>
              <select name="currency" defaultValue="usd" className={inputClass}>
                {SELLABLE_CURRENCIES.map((currency) => (
                  <option key={currency} value={currency}>
                    {currency.toUpperCase()}
                  </option>
                ))}
              </select>
            </label>
          </div>
        )}
        <label className={label}>
          <span>Expires after (UTC, optional)</span>
          <input name="expiresOn" type="date" className={inputClass} />
        </label>
        <label className={label}>
          <span>Maximum redemptions (optional)</span>
          <input name="maxRedemptions" inputMode="numeric" className={inputClass} />
        </label>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input type="checkbox" name="firstPurchaseOnly" /> First purchase only
        </label>
      </div>
      <fieldset className="space-y-2 text-sm">
        <legend className="font-medium text-zinc-700">Limited to (none ticked: every product)</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {products.map((product) => (
            <div key={product.id} className="rounded-lg border border-zinc-200 p-3">
              <label className="flex items-center gap-2 font-medium">
                <input type="checkbox" name="productIds" value={product.id} /> {product.name}, every tier
              </label>
              {product.tiers.length > 1 &&
                product.tiers.map((tier) => (
                  <label key={tier.id} className="ml-6 flex items-center gap-2 text-zinc-600">
                    <input type="checkbox" name="tierIds" value={tier.id} /> {product.name} ({tier.name})
                  </label>
                ))}
            </div>
          ))}
        </div>
      </fieldset>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={`${buttonClass} shrink-0`}>
          Create code
        </button>
        <FormMessage
          state={state}
          success={state.status === "success" ? `${state.data.code} is live on Stripe.` : undefined}
        />
      </div>
    </form>
  );
}

export function DeactivateDiscountButton({ id, code }: { id: string; code: string }) {
  const [state, action, pending] = useActionState(deactivateDiscountAction, {
    status: "idle",
  } as ActionState<null>);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`Deactivate ${code}`}
        className="rounded-md border border-red-300 px-2 py-1 text-xs text-red-700 hover:bg-red-50"
      >
        Deactivate
      </button>
      <FormMessage state={state} />
    </form>
  );
}
