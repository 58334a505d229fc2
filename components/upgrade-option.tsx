"use client";

import { useActionState, useState } from "react";
import { startUpgradeAction } from "@/lib/actions/renewals";
import type { ActionState } from "@/lib/actions/action-state";
import { upgradeQuote, type UpgradeFrom, type RenewableTier } from "@/lib/catalog/renewal-terms";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";

type Tier = RenewableTier & { id: string; name: string; minSeats: number; maxSeats: number };

// One tier the owner can move to: its seats (for per-seat tiers), what the upgrade costs now, the
// new activation limit and window, and the button. The quote is the same function the server
// charges by (lib/catalog/renewal-terms.ts), so what is shown is what Checkout asks for.
export function UpgradeOption(props: {
  entitlementId: string;
  from: Omit<UpgradeFrom, "updatesUntil"> & { updatesUntil: string | null };
  tier: Tier;
  pricing: "prorated" | "flat";
}) {
  const { tier, from } = props;
  const [state, action, pending] = useActionState(startUpgradeAction, { status: "idle" } as ActionState);
  const [seats, setSeats] = useState(
    tier.perSeat ? Math.min(Math.max(tier.minSeats, from.seats), tier.maxSeats) : 1,
  );
  const updatesUntil = from.updatesUntil ? new Date(from.updatesUntil) : null;
  const quote = upgradeQuote({ ...from, updatesUntil }, { tier, seats }, props.pricing);

  return (
    <form
      action={action}
      className="space-y-3 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm"
      aria-label={tier.name}
    >
      <input type="hidden" name="entitlementId" value={props.entitlementId} />
      <input type="hidden" name="tierId" value={tier.id} />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">{tier.name}</h2>
        <span className="text-sm text-zinc-600">
          {formatMoney(tier.priceCents, tier.currency)}
          {tier.perSeat && " / seat"}
        </span>
      </div>
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
      {quote.ok ? (
        <>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
            <dt className="text-zinc-500">Machines</dt>
            <dd>{quote.activationLimit ?? "no limit"}</dd>
            <dt className="text-zinc-500">Updates until</dt>
            <dd>{quote.newUntil ? formatDate(quote.newUntil) : "forever"}</dd>
            <dt className="text-zinc-500">You pay now</dt>
            <dd className="font-semibold" data-testid="upgrade-price">
              {formatMoney(quote.amount, tier.currency)}
            </dd>
          </dl>
          <button
            type="submit"
            disabled={pending}
            className="w-full rounded-lg bg-accent px-5 py-2.5 font-semibold text-white hover:opacity-90 disabled:opacity-60"
          >
            {pending ? "Opening checkout…" : `Upgrade to ${tier.name}`}
          </button>
        </>
      ) : (
        <p className="text-sm text-zinc-600">{quote.message}</p>
      )}
      {state.status === "error" && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
