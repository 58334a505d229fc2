"use client";

import { useActionState, useEffect, useRef } from "react";
import { saveStoreSettingsAction } from "@/lib/actions/admin/settings";
import type { ActionState } from "@/lib/actions/action-state";
import type { StoreSettings } from "@/lib/dal/store-settings";
import { buttonClass, FormMessage, inputClass } from "./form-message";
import { keepFieldsOnSubmit } from "./keep-fields";

const idle: ActionState<null> = { status: "idle" };

export function StoreSettingsForm({ settings }: { settings: StoreSettings }) {
  const [state, action, pending] = useActionState(saveStoreSettingsAction, idle);
  const logoInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // A saved logo is on the server now; a second save must not upload it again.
    if (state.status === "success" && logoInput.current) logoInput.current.value = "";
  }, [state]);

  const field = (label: string, input: React.ReactNode, hint?: string) => (
    <label className="block space-y-1">
      <span className="text-sm font-medium text-zinc-700">{label}</span>
      {input}
      {hint && <span className="block text-xs text-zinc-500">{hint}</span>}
    </label>
  );
  const link = (name: string, label: string, value: string | null) =>
    field(
      label,
      <input name={name} defaultValue={value ?? ""} placeholder="https://…" className={inputClass} />,
    );
  return (
    <form
      action={action}
      onSubmit={keepFieldsOnSubmit(action)}
      className="grid gap-4 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm sm:grid-cols-2"
    >
      {field(
        "Store name",
        <input name="name" required maxLength={80} defaultValue={settings.name} className={inputClass} />,
        "In the header, page titles, the checkout and every email",
      )}
      {field(
        "Support email",
        <input
          name="supportEmail"
          type="email"
          defaultValue={settings.supportEmail ?? ""}
          className={inputClass}
        />,
        "Shown in the footer; replies to the store's emails go here",
      )}
      {field(
        "Accent colour",
        <input
          name="accentColor"
          type="color"
          defaultValue={settings.accentColor}
          className="block h-10 w-20 rounded-lg border border-zinc-300"
        />,
        "Buttons and the logo mark; white text must stay readable on it",
      )}
      <div className="space-y-2">
        {field(
          "Logo",
          <input
            ref={logoInput}
            name="logo"
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp"
            className="block w-full text-sm"
          />,
          "PNG, JPEG, GIF or WebP, at most 512 KB; square looks best",
        )}
        {settings.logoUrl && (
          <div className="flex items-center gap-3 text-sm">
            {/* eslint-disable-next-line @next/next/no-img-element -- a small immutable image of our own */}
            <img
              src={settings.logoUrl}
              alt="Current logo"
              width={32}
              height={32}
              className="size-8 rounded"
            />
            <label className="flex items-center gap-2">
              <input type="checkbox" name="removeLogo" /> Remove the logo
            </label>
          </div>
        )}
      </div>
      {link("termsUrl", "Terms of sale", settings.links.terms)}
      {link("privacyUrl", "Privacy policy", settings.links.privacy)}
      {link("refundUrl", "Refund policy", settings.links.refund)}
      <div className="flex items-center gap-4 sm:col-span-2">
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Saving…" : "Save settings"}
        </button>
        <FormMessage state={state} success="Saved." />
      </div>
    </form>
  );
}
