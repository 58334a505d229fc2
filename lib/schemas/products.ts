// A product as the admin form sends it: the one place its fields' limits live.
import { z } from "zod";
import { lineText, multilineText, recordId } from "../input-schemas";
import { parsePrice, SELLABLE_CURRENCIES } from "../money";
import { PRODUCT_DESCRIPTION_MAX } from "./limits";

export const positiveOrEmpty = (message: string) =>
  z
    .string()
    .trim()
    .regex(/^([1-9]\d{0,4})?$/, message)
    .transform((value) => (value ? Number(value) : null))
    .optional();

export const productForm = z
  .object({
    id: recordId.optional().or(z.literal("").transform(() => undefined)),
    name: lineText(120).pipe(z.string().min(1, "a name is required")),
    slug: z
      .string()
      .trim()
      .min(2)
      .max(60)
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lowercase letters, digits and dashes"),
    tagline: lineText(200).default(""),
    description: multilineText(PRODUCT_DESCRIPTION_MAX).default(""),
    price: z.string().max(40, "enter a price like 19.99"),
    currency: z.enum(SELLABLE_CURRENCIES),
    active: z
      .literal("on")
      .optional()
      .transform((value) => value === "on"),
    downloadLimit: z
      .string()
      .trim()
      .regex(/^\d{0,6}$/, "a whole number, or empty for unlimited")
      .transform((value) => (value ? Number(value) : null)),
    // Licensing: machines per key and months of updates; empty = no limit. Absent (older forms,
    // scripts) leaves the stored value as it is.
    activationLimit: positiveOrEmpty("machines per key: a whole number from 1, or empty for no limit"),
    updateMonths: positiveOrEmpty("months of updates: a whole number from 1, or empty for every update"),
    // What an owner pays to move to a higher tier; absent leaves it as it is.
    upgradePricing: z.enum(["prorated", "flat"]).optional(),
  })
  // A price means something only in its currency: "1900" is ¥1,900 but $1,900.00.
  .transform(({ price, ...input }, context) => {
    const parsed = parsePrice(price, input.currency);
    if (parsed.ok) return { ...input, priceCents: parsed.amount };
    context.addIssue({ code: "custom", path: ["price"], message: parsed.message });
    return z.NEVER;
  });

export type ProductForm = z.output<typeof productForm>;
