"use client";

import { useActionState } from "react";
import { saveTierAction } from "@/lib/actions/admin/tiers";
import type { ActionState } from "@/lib/actions/action-state";
import { priceInputValue, SELLABLE_CURRENCIES } from "@/lib/money";
import { buttonClass, FormMessage, inputClass } from "./form-message";

export type AdminTier = {
  id: string;
  name: string;
  priceCents: number;
  currency: string;
  machinesPerSeat: number | null;
  updateMonths: number | null;
  renewalPriceCents: number | null;
  autoRenew: boolean;
  taxBehavior: "exclusive" | "inclusive";
  perSeat: boolean;
  minSeats: number;
  maxSeats: number;
  position: number;
  active: boolean;
  _count: { entitlements: number };
};

const idle: ActionState<{ id: string }> = { status: "idle" };

// The product's price tiers, one form each, and a form for a new one. Tiers are taken off sale,
// never deleted: every purchase keeps the tier it was made in.
export function TierEditor({ productId, tiers }: { productId: string; tiers: AdminTier[] }) {
  return (
    <section className="space-y-3" aria-labelledby="tiers-heading">
      <h2 id="tiers-heading" className="text-lg font-semibold">
        Tiers
      </h2>
      <p className="text-sm text-zinc-500">
        Buyers pick one on the product page, left to right by position. The first tier is also the one the
        product form above edits.
      </p>
      {tiers.map((tier) => (
        <TierForm key={tier.id} productId={productId} tier={tier} />
      ))}
      <TierForm productId={productId} />
    </section>
  );
}

function TierForm({ productId, tier }: { productId: string; tier?: AdminTier }) {
  const [state, action, pending] = useActionState(saveTierAction, idle);
  const label = tier ? `Tier ${tier.name}` : "New tier";
  const field = (name: string, text: string, value: string, hint?: string) => (
    <label className="block space-y-1">
      <span className="text-sm font-medium text-zinc-700">{text}</span>
      <input name={name} defaultValue={value} className={inputClass} />
      {hint && <span className="block text-xs text-zinc-500">{hint}</span>}
    </label>
  );
  return (
    <form
      action={action}
      aria-label={label}
      className="grid gap-3 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm sm:grid-cols-4"
    >
      <input type="hidden" name="productId" value={productId} />
      {tier && <input type="hidden" name="id" value={tier.id} />}
      {field(
        "name",
        "Tier name",
        tier?.name ?? "",
        tier ? `${tier._count.entitlements} purchases` : undefined,
      )}
      {field(
        "price",
        "Amount",
        tier ? priceInputValue(tier.priceCents, tier.currency) : "",
        "Per seat when sold per seat",
      )}
      <label className="block space-y-1">
        <span className="text-sm font-medium text-zinc-700">Paid in</span>
        <select name="currency" defaultValue={tier?.currency ?? "usd"} className={inputClass}>
          {SELLABLE_CURRENCIES.map((currency) => (
            <option key={currency} value={currency}>
              {currency.toUpperCase()}
            </option>
          ))}
        </select>
      </label>
      <label className="block space-y-1">
        <span className="text-sm font-medium text-zinc-700">Tax</span>
        <select name="taxBehavior" defaultValue={tier?.taxBehavior ?? "exclusive"} className={inputClass}>
          <option value="exclusive">Added at checkout</option>
          <option value="inclusive">Tax included</option>
        </select>
      </label>
      {field("position", "Position", String(tier?.position ?? 0))}
      {field(
        "machinesPerSeat",
        "Machines per seat",
        tier?.machinesPerSeat?.toString() ?? "",
        "Empty = no limit",
      )}
      {field("updateMonths", "Updates (months)", tier?.updateMonths?.toString() ?? "", "Empty = forever")}
      {field(
        "renewalPrice",
        "Renewal price",
        tier?.renewalPriceCents != null ? priceInputValue(tier.renewalPriceCents, tier.currency) : "",
        "Another window of updates, per seat; empty = no renewal",
      )}
      {field("minSeats", "Minimum seats", String(tier?.minSeats ?? 1))}
      {field("maxSeats", "Maximum seats", String(tier?.maxSeats ?? 1))}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="perSeat" defaultChecked={tier?.perSeat ?? false} /> Sold per seat
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="active" defaultChecked={tier?.active ?? true} /> On sale
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="autoRenew" defaultChecked={tier?.autoRenew ?? false} /> Buyers may renew
        automatically
      </label>
      <div className="flex items-center gap-4 sm:col-span-2">
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Saving…" : tier ? "Save tier" : "Add tier"}
        </button>
        <FormMessage state={state} success="Saved." />
      </div>
    </form>
  );
}
