"use client";

import { useActionState } from "react";
import { cancelAutoRenewalAction, startRenewalAction } from "@/lib/actions/renewals";
import type { ActionState } from "@/lib/actions/action-state";

const button =
  "w-full rounded-lg bg-accent px-5 py-2.5 text-center font-semibold text-white hover:opacity-90 disabled:opacity-60";

// The renewal page's button, with "renew automatically" where the tier offers it. A plain form:
// it works before JavaScript has loaded.
export function RenewalForm(props: { entitlementId: string; price: string; automatic: string | null }) {
  const [state, action, pending] = useActionState(startRenewalAction, { status: "idle" } as ActionState);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="entitlementId" value={props.entitlementId} />
      {props.automatic && (
        <label className="flex items-start gap-3 rounded-lg border border-zinc-200 p-3 text-sm">
          <input type="checkbox" name="automatic" className="mt-1" />
          <span>
            <span className="font-medium">Renew automatically</span>
            <span className="block text-zinc-600">{props.automatic}</span>
          </span>
        </label>
      )}
      <button type="submit" disabled={pending} className={button}>
        {pending ? "Opening checkout…" : `Renew for ${props.price}`}
      </button>
      {state.status === "error" && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}

type Cancelled = ActionState<{ updatesUntil: Date | null }>;

export function CancelAutoRenewalForm({ entitlementId, until }: { entitlementId: string; until: string }) {
  const [state, action, pending] = useActionState(cancelAutoRenewalAction, { status: "idle" } as Cancelled);
  if (state.status === "success")
    return (
      <p role="status" className="text-sm text-emerald-800">
        Automatic renewal is off. Your updates run until {until}.
      </p>
    );
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="entitlementId" value={entitlementId} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg border border-zinc-300 px-4 py-2 text-sm font-medium hover:bg-zinc-50 disabled:opacity-60"
      >
        {pending ? "Cancelling…" : "Cancel automatic renewal"}
      </button>
      {state.status === "error" && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
