"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordAudit } from "../../dal/audit";
import { saveProduct, slugTaken } from "../../dal/admin-catalog";
import { fail, ok } from "../result";
import { actorOf, adminFormAction } from "./admin-action";

const money = z
  .string()
  .trim()
  .regex(/^\d{1,7}(\.\d{1,2})?$/, "enter a price like 19 or 19.99")
  .transform((value) => Math.round(Number(value) * 100));

const productInput = z.object({
  id: z.string().max(64).optional().or(z.literal("").transform(() => undefined)),
  name: z.string().trim().min(1, "a name is required").max(120),
  slug: z.string().trim().min(2).max(60).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lowercase letters, digits and dashes"),
  tagline: z.string().trim().max(200).default(""),
  description: z.string().max(20_000).default(""),
  price: money,
  currency: z.enum(["usd", "eur", "gbp", "cad", "aud", "jpy"]),
  active: z.literal("on").optional().transform((value) => value === "on"),
  downloadLimit: z
    .string()
    .trim()
    .regex(/^\d{0,6}$/, "a whole number, or empty for unlimited")
    .transform((value) => (value ? Number(value) : null)),
});

// "file" is reserved: /download/file/<id> would shadow a product of that name.
const RESERVED_SLUGS = new Set(["file", "new"]);

export const saveProductAction = adminFormAction(productInput, async ({ id, price, ...input }, admin) => {
  if (RESERVED_SLUGS.has(input.slug)) return fail("invalid_input", `slug: "${input.slug}" is reserved`);
  if (await slugTaken(input.slug, id)) return fail("invalid_input", `slug: another product already uses "${input.slug}"`);
  const product = await saveProduct(id, { ...input, priceCents: price });
  await recordAudit(actorOf(admin), id ? "product.update" : "product.create", { type: "Product", id: product.id });
  revalidatePath("/admin");
  return ok({ id: product.id });
});
