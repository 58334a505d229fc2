"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { createReleaseAction } from "@/lib/actions/admin/releases";
import type { ActionState } from "@/lib/actions/action-state";
import { RELEASE_NOTES_MAX } from "@/lib/schemas/limits";
import { buttonClass, FormMessage, inputClass } from "./form-message";
import { keepFieldsOnSubmit } from "./keep-fields";

const idle: ActionState<{ id: string }> = { status: "idle" };

export function NewReleaseForm({ productId }: { productId: string }) {
  const [state, action, pending] = useActionState(createReleaseAction, idle);
  const router = useRouter();
  useEffect(() => {
    if (state.status === "success") router.push(`/admin/releases/${state.data.id}`);
  }, [state, router]);
  return (
    <form
      action={action}
      onSubmit={keepFieldsOnSubmit(action)}
      className="grid gap-3 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm sm:grid-cols-[1fr_140px_auto]"
    >
      <input type="hidden" name="productId" value={productId} />
      <input
        name="version"
        required
        placeholder="Version, e.g. 2.2.0"
        aria-label="Version"
        className={inputClass}
      />
      <select name="channel" aria-label="Channel" defaultValue="stable" className={inputClass}>
        <option value="stable">stable</option>
        <option value="beta">beta</option>
      </select>
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Creating…" : "New release"}
      </button>
      <textarea
        name="notes"
        rows={3}
        maxLength={RELEASE_NOTES_MAX}
        placeholder="Release notes (Markdown)"
        aria-label="Release notes"
        className={`${inputClass} sm:col-span-3`}
      />
      <div className="sm:col-span-3">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
