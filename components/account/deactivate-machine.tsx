"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { deactivateMachineAction } from "@/lib/actions/account/machines";

// Frees one activation at once; the app on that machine asks for the key again next time it checks.
export function DeactivateMachine({ activationId, name }: { activationId: string; name: string }) {
  const [state, action, pending] = useActionState<ActionState<{ label: string | null }>, FormData>(
    deactivateMachineAction,
    { status: "idle" },
  );
  return (
    <form action={action} className="flex flex-col items-start gap-1 sm:items-end">
      <input type="hidden" name="activationId" value={activationId} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`Deactivate ${name}`}
        className="rounded-lg border border-zinc-300 px-3 py-1 text-sm font-medium text-zinc-700 hover:bg-zinc-100 disabled:opacity-60"
      >
        {pending ? "Deactivating…" : "Deactivate"}
      </button>
      {state.status === "error" && (
        <p role="alert" className="text-xs text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
