"use client";

import { useActionState, useEffect, useRef } from "react";
import { addProductImageAction } from "@/lib/actions/admin/product-media";
import type { ActionState } from "@/lib/actions/action-state";
import type { ProductImageView } from "@/lib/dal/product-images";
import { PRODUCT_SCREENSHOTS_MAX } from "@/lib/schemas/limits";
import { buttonClass, FormMessage, inputClass } from "./form-message";
import { keepFieldsOnSubmit } from "./keep-fields";
import { ProductImageRow } from "./product-image-row";

const idle: ActionState<{ id: string }> = { status: "idle" };
// What the browser offers to pick; the server checks the bytes whatever is picked.
const ACCEPT = "image/png,image/jpeg,image/webp,image/avif";

function AddImageForm({ productId, role }: { productId: string; role: "cover" | "screenshot" }) {
  const [state, action, pending] = useActionState(addProductImageAction, idle);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // An added image is on the server now; a second click must not add it again.
    if (state.status === "success") form.current?.reset();
  }, [state]);
  const cover = role === "cover";
  return (
    <form
      ref={form}
      action={action}
      onSubmit={keepFieldsOnSubmit(action)}
      className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
      aria-label={cover ? "Cover image" : "Add a screenshot"}
    >
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="role" value={role} />
      <label className="block space-y-1">
        <span className="text-sm font-medium text-zinc-700">{cover ? "Cover image" : "Screenshot"}</span>
        <input name="image" type="file" required accept={ACCEPT} className="block w-full text-sm" />
      </label>
      <label className="block space-y-1">
        <span className="text-sm font-medium text-zinc-700">
          {cover ? "Alt text (optional)" : "Alt text"}
        </span>
        <input
          name="alt"
          required={!cover}
          maxLength={250}
          placeholder={cover ? "The product's name" : "What the screenshot shows"}
          className={inputClass}
        />
      </label>
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Uploading…" : cover ? "Upload cover" : "Add screenshot"}
      </button>
      <div className="sm:col-span-3">
        <FormMessage state={state} success={cover ? "Cover saved." : "Screenshot added."} />
      </div>
    </form>
  );
}

export function ProductMediaEditor({
  productId,
  productName,
  images,
}: {
  productId: string;
  productName: string;
  images: ProductImageView[];
}) {
  const cover = images.find((image) => image.role === "cover");
  const screenshots = images.filter((image) => image.role === "screenshot");
  return (
    <section className="space-y-4" aria-labelledby="media-heading">
      <div>
        <h2 id="media-heading" className="text-lg font-semibold">
          Media
        </h2>
        <p className="text-sm text-zinc-500">
          PNG, JPEG, WebP or AVIF, at most 960 KB each (export large screenshots as WebP). The cover shows on
          the store&apos;s cards and in link previews (1200 × 630 suits both); up to {PRODUCT_SCREENSHOTS_MAX}{" "}
          screenshots follow it on the product page.
        </p>
      </div>
      <div className="space-y-4 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm">
        {cover && <ProductImageRow image={cover} productName={productName} />}
        <AddImageForm productId={productId} role="cover" />
      </div>
      <div className="space-y-4 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm">
        {screenshots.length > 0 && (
          <ol className="divide-y divide-zinc-100" aria-label="Screenshots">
            {screenshots.map((image, index) => (
              <li key={image.id} className="py-3 first:pt-0">
                <ProductImageRow
                  image={image}
                  productName={productName}
                  first={index === 0}
                  last={index === screenshots.length - 1}
                />
              </li>
            ))}
          </ol>
        )}
        {screenshots.length < PRODUCT_SCREENSHOTS_MAX && (
          <AddImageForm productId={productId} role="screenshot" />
        )}
      </div>
    </section>
  );
}
