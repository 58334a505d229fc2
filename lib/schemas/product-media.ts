// A product's images as the admin's media forms send them: the one place their limits live.
import { z } from "zod";
import { lineText, recordId } from "../input-schemas";
import { IMAGE_ALT_MAX, PRODUCT_IMAGE_MAX_BYTES } from "./limits";

const alt = lineText(IMAGE_ALT_MAX).default("");

export const addProductImageForm = z
  .object({
    productId: recordId,
    role: z.enum(["cover", "screenshot"]),
    alt,
    // What the browser says the file is (name, type) is not trusted: the bytes are checked.
    image: z
      .instanceof(File, { message: "choose an image file" })
      .refine((file) => file.size > 0, "choose an image file")
      .refine((file) => file.size <= PRODUCT_IMAGE_MAX_BYTES, "at most 960 KB"),
  })
  // A screenshot needs its own words for people who cannot see it; a cover says what the
  // product is, so it falls back to the product's name.
  .refine((input) => input.role === "cover" || input.alt !== "", {
    path: ["alt"],
    message: "describe the screenshot for people who cannot see it",
  });

export const productImageAltForm = z.object({
  imageId: recordId,
  alt,
});

export const moveProductImageForm = z.object({
  imageId: recordId,
  direction: z.enum(["earlier", "later"]),
});

export const removeProductImageForm = z.object({ imageId: recordId });

export type AddProductImageForm = z.output<typeof addProductImageForm>;
