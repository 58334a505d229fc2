"use server";

import { revalidatePath } from "next/cache";
import { saveTier } from "../../catalog/product-tiers";
import { tierForm } from "../../schemas/tiers";
import { actorOf, adminFormAction } from "./admin-action";

export const saveTierAction = adminFormAction("saveTierAction", tierForm, async (input, admin) => {
  const saved = await saveTier(input, actorOf(admin));
  if (saved.status === "success") revalidatePath(`/admin/products/${input.productId}`);
  return saved;
});
