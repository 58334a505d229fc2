"use server";

import { revalidatePath } from "next/cache";
import {
  addProductImage,
  changeProductImageAlt,
  moveProductImage,
  removeProductImage,
} from "../../catalog/product-media";
import {
  addProductImageForm,
  moveProductImageForm,
  productImageAltForm,
  removeProductImageForm,
} from "../../schemas/product-media";
import type { Result } from "../../result";
import { actorOf, adminFormAction } from "./admin-action";

// The store's cards and product pages show the images too: every page under the layout is stale.
const revalidated = <T>(result: Result<T>) => {
  if (result.status === "success") revalidatePath("/", "layout");
  return result;
};

export const addProductImageAction = adminFormAction(
  "addProductImageAction",
  addProductImageForm,
  async (input, admin) => revalidated(await addProductImage(input, actorOf(admin))),
);

export const saveProductImageAltAction = adminFormAction(
  "saveProductImageAltAction",
  productImageAltForm,
  async ({ imageId, alt }, admin) => revalidated(await changeProductImageAlt(imageId, alt, actorOf(admin))),
);

export const moveProductImageAction = adminFormAction(
  "moveProductImageAction",
  moveProductImageForm,
  async ({ imageId, direction }, admin) =>
    revalidated(await moveProductImage(imageId, direction, actorOf(admin))),
);

export const removeProductImageAction = adminFormAction(
  "removeProductImageAction",
  removeProductImageForm,
  async ({ imageId }, admin) => revalidated(await removeProductImage(imageId, actorOf(admin))),
);
