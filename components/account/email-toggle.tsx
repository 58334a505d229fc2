"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { setEmailPreferenceAction } from "@/lib/actions/account/email-preferences";
import type { EmailPreferenceInput } from "@/lib/schemas/account";

type Props = { productId: string; product: string; topic: EmailPreferenceInput["topic"]; on: boolean };

const TOPIC = { release: "Release emails", renewal_reminder: "Renewal reminders" } as const;

// A switch that saves as soon as it is pressed; it shows what the server stored, not what was clicked.
export function EmailToggle({ productId, product, topic, on }: Props) {
  const [state, action, pending] = useActionState<ActionState<EmailPreferenceInput>, FormData>(
    setEmailPreferenceAction,
    { status: "idle" },
  );
  const current = state.status === "success" ? state.data.emails === "on" : on;
  return (
    <form action={action} className="flex items-center justify-between gap-4">
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="topic" value={topic} />
      <input type="hidden" name="emails" value={current ? "off" : "on"} />
      <span className="text-sm">{TOPIC[topic]}</span>
      <span className="flex items-center gap-2">
        {state.status === "error" && (
          <span role="alert" className="text-xs text-red-700">
            {state.message}
          </span>
        )}
        <button
          type="submit"
          role="switch"
          aria-checked={current}
          aria-label={`${TOPIC[topic]} about ${product}`}
          disabled={pending}
          className={`relative h-6 w-11 shrink-0 rounded-full transition disabled:opacity-60 ${current ? "bg-indigo-600" : "bg-zinc-300"}`}
        >
          <span
            className={`absolute top-0.5 h-5 w-5 rounded-full bg-white shadow transition-all ${current ? "left-[22px]" : "left-0.5"}`}
          />
        </button>
      </span>
    </form>
  );
}
