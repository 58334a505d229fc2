"use server";

import { revalidatePath } from "next/cache";
import { saveProduct } from "../../catalog/products";
import { productForm } from "../../schemas/products";
import { actorOf, adminFormAction } from "./admin-action";

export const saveProductAction = adminFormAction("saveProductAction", productForm, async (input, admin) => {
  const saved = await saveProduct(input, actorOf(admin));
  if (saved.status === "success") revalidatePath("/admin");
  return saved;
});
