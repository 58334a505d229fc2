"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { orderNumberForLicenseKey } from "../../dal/admin-orders";
import { normalizeLicenseKey } from "../../licensing/keys";
import { refundOrder } from "../../payments/refunds";
import { failure } from "../../result";
import { orderFilters, refundForm } from "../../schemas/orders";
import { actorOf, adminFormAction } from "./admin-action";

// Refunds part or all of an order through Stripe; the webhook then changes access.
export const refundOrderAction = adminFormAction("refundOrderAction", refundForm, async (input, admin) => {
  const result = await refundOrder(input, actorOf(admin));
  if (result.status === "success") revalidatePath("/admin/orders", "layout");
  return result;
});

// The orders list's search and filters. A licence key opens its order straight away, so the key
// never lands in a URL (browser history, proxy logs); anything else becomes the list's query.
export const searchOrdersAction = adminFormAction("searchOrdersAction", orderFilters, async (input) => {
  if (normalizeLicenseKey(input.q)) {
    const number = await orderNumberForLicenseKey(input.q);
    if (number === null) return failure("not_found", "No order has this licence key.");
    redirect(`/admin/orders/${number}`);
  }
  const query = new URLSearchParams(
    Object.entries(input).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  redirect(`/admin/orders${query.size ? `?${query}` : ""}`);
});
