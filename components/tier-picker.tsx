"use client";

import { useActionState, useState } from "react";
import { startCheckout } from "@/lib/actions/start-checkout";
import type { ActionState } from "@/lib/actions/action-state";
import type { TierView } from "@/lib/dal/catalog";
import { formatMoney } from "@/lib/money";

// The product's tiers side by side, a seat count for tiers sold per seat, and the Buy button.
// Works without JavaScript too: the radios and the seat field are a plain form.
export function TierPicker({
  product,
  tiers,
  taxAtCheckout,
}: {
  product: { id: string; name: string };
  tiers: TierView[];
  taxAtCheckout: boolean;
}) {
  const [state, action, pending] = useActionState(startCheckout, { status: "idle" } as ActionState);
  const [tierId, setTierId] = useState(tiers[0]?.id);
  const tier = tiers.find((item) => item.id === tierId) ?? tiers[0];
  const [seats, setSeats] = useState(tier?.minSeats ?? 1);
  if (!tier) return <p className="text-sm text-zinc-500">Not for sale right now.</p>;
  const seatCount = Math.min(Math.max(seats, tier.minSeats), tier.maxSeats);

  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="productId" value={product.id} />
      <fieldset className="grid gap-2" data-testid="tiers">
        <legend className="sr-only">Choose a tier</legend>
        {tiers.map((item) => (
          <label
            key={item.id}
            className="flex cursor-pointer items-start gap-3 rounded-lg border border-zinc-200 p-3 has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50"
          >
            <input
              type="radio"
              name="tierId"
              value={item.id}
              checked={item.id === tier.id}
              onChange={() => (setTierId(item.id), setSeats(item.minSeats))}
              className="mt-1"
            />
            <span className="flex-1">
              <span className="flex items-baseline justify-between gap-2">
                <span className="font-semibold">{item.name}</span>
                <span className="font-semibold">
                  {formatMoney(item.priceCents, item.currency)}
                  {item.perSeat && <span className="text-sm font-normal text-zinc-600"> / seat</span>}
                </span>
              </span>
              <span className="block text-xs text-zinc-600">{terms(item)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {tier.perSeat && (
        <label className="flex items-center justify-between gap-3 text-sm">
          <span className="font-medium">Seats</span>
          <input
            type="number"
            name="seats"
            min={tier.minSeats}
            max={tier.maxSeats}
            value={seats}
            onChange={(event) => setSeats(Number(event.target.value))}
            className="w-24 rounded-lg border border-zinc-300 px-3 py-2 text-right"
          />
        </label>
      )}
      <p className="flex items-baseline justify-between text-sm text-zinc-600">
        <span>Total</span>
        <span className="text-2xl font-semibold text-zinc-900" data-testid="tier-total">
          {formatMoney(tier.priceCents * seatCount, tier.currency)}
        </span>
      </p>
      {taxAtCheckout && (
        <p className="text-xs text-zinc-500" data-testid="tax-note">
          {tier.taxBehavior === "inclusive"
            ? "Price includes tax."
            : "Tax is added at checkout, from your billing address. Businesses can enter a VAT number."}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-lg bg-indigo-600 px-5 py-3 font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:opacity-60"
      >
        {pending ? "Opening checkout…" : `Buy ${product.name}`}
      </button>
      {state.status === "error" && (
        <p role="alert" className="text-sm text-red-600">
          {state.message}
        </p>
      )}
    </form>
  );
}

function terms(tier: TierView) {
  const machines = tier.machinesPerSeat
    ? `${tier.machinesPerSeat} machine${tier.machinesPerSeat === 1 ? "" : "s"}${tier.perSeat ? " per seat" : ""}`
    : "any number of machines";
  const updates = tier.updateMonths ? `${tier.updateMonths} months of updates` : "updates forever";
  const seats = tier.perSeat ? `${tier.minSeats}–${tier.maxSeats} seats · ` : "";
  return `${seats}${machines} · ${updates}`;
}
