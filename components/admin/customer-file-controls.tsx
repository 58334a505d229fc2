"use client";

import { useActionState } from "react";
import { removeCustomerFileAction } from "@/lib/actions/admin/customer-files";
import type { ActionResult } from "@/lib/actions/result";
import { FormMessage } from "./form-message";

const idle: ActionResult<null> = { status: "idle" };

export function RemoveCustomerFile({ userId, fileId, filename }: { userId: string; fileId: string; filename: string }) {
  const [state, action, pending] = useActionState(removeCustomerFileAction, idle);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="fileId" value={fileId} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`Remove ${filename}`}
        className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium text-zinc-700 hover:border-red-300 hover:text-red-700 disabled:opacity-60"
      >
        Remove
      </button>
      <FormMessage state={state} />
    </form>
  );
}
