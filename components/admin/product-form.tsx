"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { saveProductAction } from "@/lib/actions/admin/products";
import type { ActionState } from "@/lib/actions/action-state";
import { PRODUCT_DESCRIPTION_MAX } from "@/lib/schemas/limits";
import { SELLABLE_CURRENCIES } from "@/lib/money";
import { buttonClass, FormMessage, inputClass } from "./form-message";
import { keepFieldsOnSubmit } from "./keep-fields";

export type ProductFormValues = {
  id?: string;
  name: string;
  slug: string;
  tagline: string;
  description: string;
  price: string;
  currency: string;
  active: boolean;
  downloadLimit: string;
  activationLimit: string;
  updateMonths: string;
  upgradePricing: "prorated" | "flat";
};

const idle: ActionState<{ id: string }> = { status: "idle" };

export function ProductForm({ values }: { values: ProductFormValues }) {
  const [state, action, pending] = useActionState(saveProductAction, idle);
  const router = useRouter();
  useEffect(() => {
    if (state.status === "success" && !values.id) router.push(`/admin/products/${state.data.id}`);
  }, [state, values.id, router]);

  const field = (label: string, input: React.ReactNode, hint?: string) => (
    <label className="block space-y-1">
      <span className="text-sm font-medium text-zinc-700">{label}</span>
      {input}
      {hint && <span className="block text-xs text-zinc-500">{hint}</span>}
    </label>
  );
  return (
    <form
      action={action}
      onSubmit={keepFieldsOnSubmit(action)}
      className="grid gap-4 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm sm:grid-cols-2"
    >
      {values.id && <input type="hidden" name="id" value={values.id} />}
      {field("Name", <input name="name" required defaultValue={values.name} className={inputClass} />)}
      {field(
        "Slug",
        <input name="slug" required defaultValue={values.slug} className={inputClass} />,
        "Used in URLs: /products/<slug>",
      )}
      <div className="sm:col-span-2">
        {field("Tagline", <input name="tagline" defaultValue={values.tagline} className={inputClass} />)}
      </div>
      <div className="sm:col-span-2">
        {field(
          "Description (Markdown)",
          <textarea
            name="description"
            rows={6}
            maxLength={PRODUCT_DESCRIPTION_MAX}
            defaultValue={values.description}
            className={inputClass}
          />,
        )}
      </div>
      {field(
        "Price",
        <input
          name="price"
          required
          inputMode="decimal"
          defaultValue={values.price}
          className={inputClass}
        />,
        "As the buyer pays it: 19.99 for $19.99, 1900 for ¥1,900",
      )}
      {field(
        "Currency",
        <select name="currency" defaultValue={values.currency} className={inputClass}>
          {SELLABLE_CURRENCIES.map((currency) => (
            <option key={currency} value={currency}>
              {currency.toUpperCase()}
            </option>
          ))}
        </select>,
      )}
      {field(
        "Download limit per purchase",
        <input
          name="downloadLimit"
          inputMode="numeric"
          defaultValue={values.downloadLimit}
          className={inputClass}
        />,
        "Empty = unlimited",
      )}
      {field(
        "Machines per licence key",
        <input
          name="activationLimit"
          inputMode="numeric"
          defaultValue={values.activationLimit}
          className={inputClass}
        />,
        "Empty = no limit",
      )}
      {field(
        "Updates included (months)",
        <input
          name="updateMonths"
          inputMode="numeric"
          defaultValue={values.updateMonths}
          className={inputClass}
        />,
        "Empty = every future release",
      )}
      {field(
        "Upgrades to a higher tier",
        <select name="upgradePricing" defaultValue={values.upgradePricing} className={inputClass}>
          <option value="prorated">Prorated: the difference for the rest of the update period</option>
          <option value="flat">Flat: the whole difference between the two tiers</option>
        </select>,
        "What an owner pays to move up (rounded down to the cent)",
      )}
      <label className="flex items-center gap-2 self-end pb-2 text-sm">
        <input type="checkbox" name="active" defaultChecked={values.active} /> On sale
      </label>
      <div className="flex items-center gap-4 sm:col-span-2">
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Saving…" : values.id ? "Save changes" : "Create product"}
        </button>
        <FormMessage state={state} success="Saved." />
      </div>
    </form>
  );
}
