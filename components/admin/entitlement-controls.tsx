"use client";

import { useActionState } from "react";
import {
  changeEntitlementAction,
  changeLicenseAction,
  grantEntitlementAction,
} from "@/lib/actions/admin/customers";
import type { ActionState } from "@/lib/actions/action-state";
import { ConfirmSubmit } from "./confirm-submit";
import { buttonClass, FormMessage, inputClass } from "./form-message";

const idle: ActionState<null> = { status: "idle" };

export function EntitlementChange({
  userId,
  entitlementId,
  status,
  product,
  customer,
}: {
  userId: string;
  entitlementId: string;
  status: string;
  product: string;
  customer: string;
}) {
  const [state, action, pending] = useActionState(changeEntitlementAction, idle);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="entitlementId" value={entitlementId} />
      <select
        name="change"
        aria-label="Change"
        className={`${inputClass} w-44`}
        defaultValue={status === "active" ? "revoke" : "restore"}
      >
        {status === "active" ? (
          <option value="revoke">Revoke access</option>
        ) : (
          <option value="restore">Restore access</option>
        )}
        <option value="reset_downloads">Reset download count</option>
      </select>
      <input
        name="reason"
        required
        placeholder="Reason"
        aria-label="Reason"
        className={`${inputClass} w-48`}
      />
      <ConfirmSubmit
        disabled={pending}
        className={buttonClass}
        label="Apply"
        confirmLabel="Revoke access"
        consequence={(form) =>
          form.get("change") === "revoke"
            ? `Revoking takes ${product} away from ${customer}: downloads, update feeds and the licence key stop working at once.`
            : null
        }
      />
      <FormMessage state={state} success="Done." />
    </form>
  );
}

export function GrantForm({
  userId,
  products,
}: {
  userId: string;
  products: { id: string; name: string }[];
}) {
  const [state, action, pending] = useActionState(grantEntitlementAction, idle);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <select name="productId" aria-label="Product" className={`${inputClass} w-48`}>
        {products.map((product) => (
          <option key={product.id} value={product.id}>
            {product.name}
          </option>
        ))}
      </select>
      <input
        name="reason"
        required
        placeholder="Reason, e.g. press copy"
        aria-label="Grant reason"
        className={`${inputClass} w-56`}
      />
      <button type="submit" disabled={pending} className={buttonClass}>
        Grant (comp)
      </button>
      <FormMessage state={state} success="Granted." />
    </form>
  );
}

const licenseConsequences: Record<string, (product: string) => string> = {
  revoke: (product) =>
    `Revoking the key stops ${product} from validating and activating on every machine at once.`,
  regenerate: (product) =>
    `A new key replaces the current one: ${product} stops accepting the old key on every machine.`,
};

export function LicenseChange({
  userId,
  licenseId,
  revoked,
  product,
}: {
  userId: string;
  licenseId: string;
  revoked: boolean;
  product: string;
}) {
  const [state, action, pending] = useActionState(changeLicenseAction, idle);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="licenseId" value={licenseId} />
      <select
        name="change"
        aria-label="Licence change"
        className={`${inputClass} w-48`}
        defaultValue="reset_activations"
      >
        <option value="reset_activations">Reset machines</option>
        <option value="regenerate">Issue a new key</option>
        {revoked ? <option value="restore">Restore key</option> : <option value="revoke">Revoke key</option>}
      </select>
      <input
        name="reason"
        required
        placeholder="Reason"
        aria-label="Licence change reason"
        className={`${inputClass} w-48`}
      />
      <ConfirmSubmit
        disabled={pending}
        className={buttonClass}
        label="Apply"
        confirmLabel="Apply"
        consequence={(form) => licenseConsequences[String(form.get("change"))]?.(product) ?? null}
      />
      <FormMessage state={state} success="Done." />
    </form>
  );
}
