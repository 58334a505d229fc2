"use client";

import { useActionState } from "react";
import { eraseCustomerAction } from "@/lib/actions/admin/customer-data";
import type { ActionState } from "@/lib/actions/action-state";
import type { Erasure } from "@/lib/dal/erasure";
import { ConfirmSubmit } from "./confirm-submit";
import { buttonClass, FormMessage, inputClass } from "./form-message";

const idle: ActionState<Erasure> = { status: "idle" };

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const erasedSummary = (counts: Erasure["counts"]) =>
  `Erased: ${count(counts.sessions, "session")} and ${count(counts.machines, "machine")} deleted, ${count(counts.keysRevoked, "licence key")} revoked, ${count(counts.orders, "order")} kept under the erased address.`;

// Admin → Customers → a customer: a copy of their data, and erasure (a customer's request under
// data-protection law). Erasure keeps the orders, for tax records, under an erased address.
export function CustomerDataControls({ userId, customer }: { userId: string; customer: string }) {
  const [state, action, pending] = useActionState(eraseCustomerAction, idle);
  const done =
    state.status === "success"
      ? state.data.alreadyErased
        ? "This customer was already erased."
        : erasedSummary(state.data.counts)
      : undefined;
  return (
    <section className="space-y-3" aria-labelledby="customer-data">
      <h2 id="customer-data" className="text-lg font-semibold">
        Data
      </h2>
      <div className="space-y-3 rounded-xl border border-zinc-200 bg-white px-5 py-4 text-sm shadow-sm">
        <p>
          <a
            href={`/admin/customers/${userId}/data`}
            download
            className="font-medium text-indigo-600 hover:underline"
          >
            Download this customer’s data (JSON)
          </a>
        </p>
        <form action={action} className="flex flex-wrap items-center gap-2">
          <input type="hidden" name="userId" value={userId} />
          <input
            name="reason"
            required
            minLength={3}
            placeholder="Reason, e.g. erasure request of 2 Dec"
            aria-label="Erasure reason"
            className={`${inputClass} w-72`}
          />
          <ConfirmSubmit
            disabled={pending}
            className={`${buttonClass} bg-red-600 hover:bg-red-500`}
            label="Erase customer"
            confirmLabel="Erase for good"
            consequence={() =>
              `Erasing ${customer} signs them out, deletes their machines, revokes their licence keys and removes their address, IP addresses and user agents everywhere. Orders stay for tax records under an erased address. This cannot be undone.`
            }
          />
          <FormMessage state={state} success={done} />
        </form>
      </div>
    </section>
  );
}
