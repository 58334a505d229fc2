"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordAudit } from "../../dal/audit";
import { productExists, saveProduct, slugTaken } from "../../dal/admin-catalog";
import { lineText, multilineText, recordId } from "../../input-schemas";
import { parsePrice, SELLABLE_CURRENCIES } from "../../money";
import { failure, success } from "../../result";
import { actorOf, adminFormAction } from "./admin-action";

const positiveOrEmpty = (message: string) =>
  z
    .string()
    .trim()
    .regex(/^([1-9]\d{0,4})?$/, message)
    .transform((value) => (value ? Number(value) : null))
    .optional();

const productInput = z
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
    description: multilineText(20_000).default(""),
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
  })
  // A price means something only in its currency: "1900" is ¥1,900 but $1,900.00.
  .transform(({ price, ...input }, context) => {
    const parsed = parsePrice(price, input.currency);
    if (parsed.ok) return { ...input, priceCents: parsed.amount };
    context.addIssue({ code: "custom", path: ["price"], message: parsed.message });
    return z.NEVER;
  });

// "file" is reserved: /download/file/<id> would shadow a product of that name.
const RESERVED_SLUGS = new Set(["file", "new"]);

export const saveProductAction = adminFormAction(
  "saveProductAction",
  productInput,
  async ({ id, ...input }, admin) => {
    if (id && !(await productExists(id))) return failure("not_found", "There is no such product.");
    if (RESERVED_SLUGS.has(input.slug)) return failure("invalid_input", `slug: "${input.slug}" is reserved`);
    if (await slugTaken(input.slug, id))
      return failure("invalid_input", `slug: another product already uses "${input.slug}"`);
    const product = await saveProduct(id, input);
    await recordAudit(actorOf(admin), id ? "product.update" : "product.create", {
      type: "Product",
      id: product.id,
    });
    revalidatePath("/admin");
    return success({ id: product.id });
  },
);
