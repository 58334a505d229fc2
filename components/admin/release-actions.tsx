"use client";

import { useActionState } from "react";
import { publishReleaseAction, yankReleaseAction } from "@/lib/actions/admin/releases";
import type { ActionState } from "@/lib/actions/action-state";
import { ConfirmSubmit } from "./confirm-submit";
import { buttonClass, FormMessage, inputClass } from "./form-message";

const idle: ActionState<{ id: string }> = { status: "idle" };

const buyers = (count: number) => `${count.toLocaleString("en")} buyer${count === 1 ? "" : "s"}`;

// `recipients`: the addresses publishing would email now (lib/dal/release-notifications.ts).
export function ReleaseActions({
  releaseId,
  version,
  status,
  recipients,
}: {
  releaseId: string;
  version: string;
  status: "draft" | "published" | "yanked";
  recipients: number;
}) {
  const [published, publish, publishing] = useActionState(publishReleaseAction, idle);
  const [yanked, yank, yanking] = useActionState(yankReleaseAction, idle);
  return (
    <div className="flex flex-wrap items-start gap-6">
      {status === "draft" && (
        <form action={publish} className="space-y-2">
          <input type="hidden" name="releaseId" value={releaseId} />
          <ConfirmSubmit
            disabled={publishing}
            className={buttonClass}
            label={publishing ? "Publishing…" : "Publish release"}
            confirmLabel={`Publish and email ${buyers(recipients)}`}
            consequence={() =>
              `Publishing v${version} puts it in every entitled buyer's library and emails ${buyers(recipients)} that it is out. The emails cannot be called back.`
            }
          />
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
            className={`${inputClass} w-full sm:w-64`}
          />
          <ConfirmSubmit
            disabled={yanking}
            className="rounded-lg border border-red-300 px-4 py-2 text-sm font-semibold text-red-700 hover:bg-red-50"
            label="Yank"
            confirmLabel={`Yank v${version}`}
            consequence={() =>
              `Yanking v${version} takes it out of every library, update feed and latest link at once, for good: a yanked release cannot be published again. Buyers are not emailed.`
            }
          />
          <div className="w-full">
            <FormMessage state={yanked} />
          </div>
        </form>
      )}
    </div>
  );
}
