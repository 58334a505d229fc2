"use client";

import { useActionState } from "react";
import { emailCustomerFileAction, removeCustomerFileAction } from "@/lib/actions/admin/customer-files";
import type { ActionState } from "@/lib/actions/action-state";
import { ConfirmSubmit } from "./confirm-submit";
import { FormMessage } from "./form-message";

const idle: ActionState<null> = { status: "idle" };

type FileControl = { userId: string; fileId: string; filename: string };
type Confirmation = { confirmLabel: string; consequence: string };

function FileActionButton({
  action: serverAction,
  label,
  ariaLabel,
  tone,
  confirm,
  ...file
}: FileControl & {
  action: typeof removeCustomerFileAction;
  label: string;
  ariaLabel: string;
  tone: string;
  confirm?: Confirmation;
}) {
  const className = `rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium text-zinc-700 disabled:opacity-60 ${tone}`;
  const [state, action, pending] = useActionState(serverAction, idle);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="userId" value={file.userId} />
      <input type="hidden" name="fileId" value={file.fileId} />
      {confirm ? (
        <ConfirmSubmit
          disabled={pending}
          ariaLabel={ariaLabel}
          className={className}
          label={label}
          confirmLabel={confirm.confirmLabel}
          consequence={() => confirm.consequence}
        />
      ) : (
        <button type="submit" disabled={pending} aria-label={ariaLabel} className={className}>
          {label}
        </button>
      )}
      <FormMessage state={state} />
    </form>
  );
}

export function RemoveCustomerFile(file: FileControl & { customer: string }) {
  const { customer, ...control } = file;
  return (
    <FileActionButton
      {...control}
      confirm={{
        confirmLabel: "Remove the file",
        consequence: `Removing ${file.filename} deletes it from storage: ${customer} can no longer download it, and it cannot be brought back.`,
      }}
      action={removeCustomerFileAction}
      label="Remove"
      ariaLabel={`Remove ${file.filename}`}
      tone="hover:border-red-300 hover:text-red-700"
    />
  );
}

// For a file whose "a file is waiting" email did not go out.
export function EmailCustomerFile(file: FileControl) {
  return (
    <FileActionButton
      {...file}
      action={emailCustomerFileAction}
      label="Email customer"
      ariaLabel={`Email the customer about ${file.filename}`}
      tone="hover:border-indigo-300 hover:text-indigo-700"
    />
  );
}
