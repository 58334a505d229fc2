"use client";

import { useActionState } from "react";
import { searchOrdersAction } from "@/lib/actions/admin/orders";
import type { ActionState } from "@/lib/actions/action-state";
import { ORDER_STATUSES } from "@/lib/schemas/order-values";
import { FormMessage, inputClass } from "./form-message";

const idle: ActionState<never> = { status: "idle" };

type Props = {
  filters: { q: string; product: string; tier: string; status: string };
  products: { id: string; name: string; tiers: { id: string; name: string }[] }[];
};

// Posts rather than GETs: a licence key typed here opens its order without ever being in a URL.
export function OrderSearch({ filters, products }: Props) {
  const [state, action, pending] = useActionState(searchOrdersAction, idle);
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" aria-label="Search orders">
      <label className="grow basis-64 text-sm">
        <span className="mb-1 block text-zinc-600">Email, order number or licence key</span>
        <input name="q" defaultValue={filters.q} className={inputClass} maxLength={200} autoComplete="off" />
      </label>
      <label className="text-sm">
        <span className="mb-1 block text-zinc-600">Product</span>
        <select name="product" defaultValue={filters.product} className={`${inputClass} w-44`}>
          <option value="">All products</option>
          {products.map((product) => (
            <option key={product.id} value={product.id}>
              {product.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block text-zinc-600">Tier</span>
        <select name="tier" defaultValue={filters.tier} className={`${inputClass} w-52`}>
          <option value="">All tiers</option>
          {products.flatMap((product) =>
            product.tiers.map((tier) => (
              <option key={tier.id} value={tier.id}>
                {product.name} · {tier.name}
              </option>
            )),
          )}
        </select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block text-zinc-600">Status</span>
        <select name="status" defaultValue={filters.status} className={`${inputClass} w-44`}>
          <option value="">Any status</option>
          {ORDER_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status.replaceAll("_", " ")}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg border border-zinc-300 px-4 py-2 text-sm"
      >
        Search
      </button>
      <div className="basis-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
