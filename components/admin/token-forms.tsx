"use client";

import { useActionState } from "react";
import { createTokenAction, revokeTokenAction } from "@/lib/actions/admin/tokens";
import type { ActionState } from "@/lib/actions/action-state";
import { CopyButton } from "../copy-button";
import { buttonClass, FormMessage, inputClass } from "./form-message";

export function CreateTokenForm() {
  const [state, action, pending] = useActionState(createTokenAction, { status: "idle" } as ActionState<{
    name: string;
    secret: string;
  }>);
  return (
    <form action={action} className="space-y-3 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm">
      <div className="flex gap-2">
        <input
          name="name"
          required
          placeholder="Name, e.g. GitHub Actions release job"
          aria-label="Token name"
          className={inputClass}
        />
        <select name="scope" aria-label="Token scope" defaultValue="publish" className={`${inputClass} w-60`}>
          <option value="publish">Publish releases</option>
          <option value="customer-files">Attach files to customers</option>
        </select>
        <button type="submit" disabled={pending} className={buttonClass}>
          Create token
        </button>
      </div>
      <FormMessage state={state} />
      {state.status === "success" && (
        <div className="space-y-1 rounded-lg bg-emerald-50 p-3 text-sm" data-testid="new-token">
          <p className="font-medium text-emerald-900">
            Token for {state.data.name}. Copy it now: it is not shown again.
          </p>
          <div className="flex items-center gap-2">
            <code className="break-all rounded bg-white px-2 py-1 font-mono text-xs">
              {state.data.secret}
            </code>
            <CopyButton value={state.data.secret} label="Copy token" />
          </div>
        </div>
      )}
    </form>
  );
}

export function RevokeTokenButton({ id }: { id: string }) {
  const [state, action, pending] = useActionState(revokeTokenAction, { status: "idle" } as ActionState<null>);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-red-300 px-2 py-1 text-xs text-red-700 hover:bg-red-50"
      >
        Revoke
      </button>
      <FormMessage state={state} />
    </form>
  );
}
