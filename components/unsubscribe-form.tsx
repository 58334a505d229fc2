"use client";

import { useActionState } from "react";
import { unsubscribeAction } from "@/lib/actions/unsubscribe";
import type { ActionState } from "@/lib/actions/action-state";

export function UnsubscribeForm({
  email,
  product,
  token,
  topic,
  name,
}: {
  email: string;
  product: string;
  token: string;
  topic: "release" | "renewal_reminder";
  name: string;
}) {
  const [state, action, pending] = useActionState<
    ActionState<{ product: string; topic: typeof topic }>,
    FormData
  >(unsubscribeAction, { status: "idle" });
  if (state.status === "success") {
    return (
      <p role="status" className="text-sm text-emerald-800">
        Done. {email} gets no more {topic === "release" ? "release emails" : "renewal reminders"} about{" "}
        {state.data.product}.
      </p>
    );
  }
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="email" value={email} />
      <input type="hidden" name="product" value={product} />
      <input type="hidden" name="token" value={token} />
      {topic !== "release" && <input type="hidden" name="topic" value={topic} />}
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
      >
        {pending ? "Unsubscribing…" : `Stop emails about ${name}`}
      </button>
      {state.status === "error" && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
