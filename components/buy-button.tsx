"use client";

import { useActionState } from "react";
import { startCheckout } from "@/lib/actions/start-checkout";
import type { ActionState } from "@/lib/actions/action-state";

export function BuyButton({ productId, label }: { productId: string; label: string }) {
  const [state, action, pending] = useActionState(startCheckout, { status: "idle" } as ActionState);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="productId" value={productId} />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-lg bg-accent px-5 py-3 font-semibold text-white shadow-sm hover:opacity-90 disabled:opacity-60"
      >
        {pending ? "Opening checkout…" : label}
      </button>
      {state.status === "error" && (
        <p role="alert" className="text-sm text-red-600">
          {state.message}
        </p>
      )}
    </form>
  );
}
