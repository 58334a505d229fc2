"use client";

import { useActionState } from "react";
import { createShareLinkAction } from "@/lib/actions/admin/share";
import type { ActionState } from "@/lib/actions/action-state";
import { CopyButton } from "../copy-button";
import { buttonClass, FormMessage, inputClass } from "./form-message";
import { keepFieldsOnSubmit } from "./keep-fields";

const expiries = [
  { label: "10 minutes", seconds: 600 },
  { label: "1 hour", seconds: 3600 },
  { label: "1 day", seconds: 86_400 },
  { label: "7 days (longest)", seconds: 604_800 },
];

const idle: ActionState<{ url: string; expiresAt: string; filename: string }> = { status: "idle" };

export function ShareForm({ files }: { files: { id: string; label: string }[] }) {
  const [state, action, pending] = useActionState(createShareLinkAction, idle);
  return (
    <form
      action={action}
      onSubmit={keepFieldsOnSubmit(action)}
      className="space-y-4 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm"
    >
      <label className="block space-y-1">
        <span className="text-sm font-medium text-zinc-700">File</span>
        <select name="fileId" required className={inputClass}>
          {files.map((file) => (
            <option key={file.id} value={file.id}>
              {file.label}
            </option>
          ))}
        </select>
      </label>
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="block space-y-1">
          <span className="text-sm font-medium text-zinc-700">Expires after</span>
          <select name="expiresInSeconds" defaultValue="3600" className={inputClass}>
            {expiries.map((expiry) => (
              <option key={expiry.seconds} value={expiry.seconds}>
                {expiry.label}
              </option>
            ))}
          </select>
        </label>
        <label className="block space-y-1">
          <span className="text-sm font-medium text-zinc-700">Who is it for? (optional)</span>
          <input
            name="note"
            maxLength={200}
            placeholder="e.g. reviewer at Example Magazine"
            className={inputClass}
          />
        </label>
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Signing…" : "Create link"}
      </button>
      <FormMessage state={state} />
      {state.status === "success" && (
        <div className="space-y-2 rounded-lg bg-emerald-50 p-4 text-sm" data-testid="share-link">
          <p className="font-medium text-emerald-900">
            Link to {state.data.filename}, valid until {new Date(state.data.expiresAt).toLocaleString()}. It
            is shown only now.
          </p>
          <div className="flex items-center gap-2">
            <input
              readOnly
              value={state.data.url}
              aria-label="Share link"
              className={`${inputClass} font-mono text-xs`}
            />
            <CopyButton value={state.data.url} label="Copy share link" />
          </div>
        </div>
      )}
    </form>
  );
}
