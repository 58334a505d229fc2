"use server";

import { revalidatePath } from "next/cache";
import { createDiscountCode, deactivateDiscountCode } from "../../payments/discount-codes";
import { discountForm, discountId } from "../../schemas/discounts";
import { actorOf, adminFormAction } from "./admin-action";

export const createDiscountAction = adminFormAction(
  "createDiscountAction",
  discountForm,
  async (input, admin) => {
    const created = await createDiscountCode(input, actorOf(admin));
    if (created.status === "success") revalidatePath("/admin/discounts");
    return created;
  },
);

export const deactivateDiscountAction = adminFormAction(
  "deactivateDiscountAction",
  discountId,
  async ({ id }, admin) => {
    const done = await deactivateDiscountCode(id, actorOf(admin));
    if (done.status === "success") revalidatePath("/admin/discounts");
    return done;
  },
);
