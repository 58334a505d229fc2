"use client";

import { useActionState } from "react";
import {
  moveProductImageAction,
  removeProductImageAction,
  saveProductImageAltAction,
} from "@/lib/actions/admin/product-media";
import type { ActionState } from "@/lib/actions/action-state";
import type { ProductImageView } from "@/lib/dal/product-images";
import { ConfirmSubmit } from "./confirm-submit";
import { FormMessage, inputClass } from "./form-message";
import { keepFieldsOnSubmit } from "./keep-fields";

const idle: ActionState<null> = { status: "idle" };
const small =
  "rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-50 disabled:opacity-50";

// One stored image: its thumbnail, its alt text, and (for a screenshot) its place in the gallery.
export function ProductImageRow({
  image,
  productName,
  first,
  last,
}: {
  image: ProductImageView;
  productName: string;
  first?: boolean;
  last?: boolean;
}) {
  const [altState, saveAlt, savingAlt] = useActionState(saveProductImageAltAction, idle);
  const [moveState, move, moving] = useActionState(moveProductImageAction, idle);
  const [removeState, remove, removing] = useActionState(removeProductImageAction, idle);
  const screenshot = image.role === "screenshot";
  const label = image.alt || productName;
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-start" data-testid="admin-image">
      {/* eslint-disable-next-line @next/next/no-img-element -- an immutable image of our own, measured */}
      <img
        src={image.url}
        alt={label}
        width={image.width}
        height={image.height}
        className="h-auto w-full max-w-40 rounded-md border border-zinc-200 bg-zinc-50 object-contain sm:w-40"
      />
      <div className="min-w-0 flex-1 space-y-2">
        <form action={saveAlt} onSubmit={keepFieldsOnSubmit(saveAlt)} className="flex gap-2">
          <input type="hidden" name="imageId" value={image.id} />
          <label className="min-w-0 flex-1">
            <span className="sr-only">Alt text</span>
            <input
              name="alt"
              defaultValue={image.alt}
              required={screenshot}
              maxLength={250}
              placeholder={productName}
              className={inputClass}
            />
          </label>
          <button type="submit" disabled={savingAlt} className={small}>
            Save
          </button>
        </form>
        <div className="flex flex-wrap items-center gap-2">
          {screenshot && (
            <form action={move} className="flex gap-2">
              <input type="hidden" name="imageId" value={image.id} />
              <button
                name="direction"
                value="earlier"
                disabled={moving || first}
                aria-label={`Move “${label}” earlier`}
                className={small}
              >
                ↑ Earlier
              </button>
              <button
                name="direction"
                value="later"
                disabled={moving || last}
                aria-label={`Move “${label}” later`}
                className={small}
              >
                ↓ Later
              </button>
            </form>
          )}
          <form action={remove}>
            <input type="hidden" name="imageId" value={image.id} />
            <ConfirmSubmit
              disabled={removing}
              ariaLabel={`Remove “${label}”`}
              className={`${small} hover:border-red-300 hover:text-red-700`}
              label="Remove"
              confirmLabel={screenshot ? "Remove the screenshot" : "Remove the cover"}
              consequence={() =>
                `“${label}” disappears from the store and is deleted from storage; it cannot be brought back.`
              }
            />
          </form>
          <FormMessage state={altState} success="Saved." />
          <FormMessage state={moveState} />
          <FormMessage state={removeState} />
        </div>
      </div>
    </div>
  );
}
