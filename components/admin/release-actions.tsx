"use client";

import { useActionState } from "react";
import { publishReleaseAction, yankReleaseAction } from "@/lib/actions/admin/releases";
import type { ActionState } from "@/lib/actions/action-state";
import { buttonClass, FormMessage, inputClass } from "./form-message";

const idle: ActionState<{ id: string }> = { status: "idle" };

export function ReleaseActions({
  releaseId,
  status,
}: {
  releaseId: string;
  status: "draft" | "published" | "yanked";
}) {
  const [published, publish, publishing] = useActionState(publishReleaseAction, idle);
  const [yanked, yank, yanking] = useActionState(yankReleaseAction, idle);
  return (
    <div className="flex flex-wrap items-start gap-6">
      {status === "draft" && (
        <form action={publish} className="space-y-2">
          <input type="hidden" name="releaseId" value={releaseId} />
          <button type="submit" disabled={publishing} className={buttonClass}>
            {publishing ? "Publishing…" : "Publish release"}
          </button>
          <FormMessage state={published} />
        </form>
      )}
      {status === "published" && (
        <form action={yank} className="flex flex-wrap items-start gap-2">
          <input type="hidden" name="releaseId" value={releaseId} />
          <input
            name="reason"
            required
            placeholder="Why is it pulled?"
            aria-label="Yank reason"
            className={`${inputClass} w-64`}
          />
          <button
            type="submit"
            disabled={yanking}
            className="rounded-lg border border-red-300 px-4 py-2 text-sm font-semibold text-red-700 hover:bg-red-50"
          >
            Yank
          </button>
          <div className="w-full">
            <FormMessage state={yanked} />
          </div>
        </form>
      )}
    </div>
  );
}
