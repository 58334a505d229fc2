"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getCurrentUser } from "../auth/session";
import { MAX_SEATS } from "../catalog/tiers";
import { recordId } from "../input-schemas";
import {
  cancelAutomaticRenewal,
  startRenewalCheckout,
  startUpgradeCheckout,
} from "../payments/entitlement-checkout";
import { requestContext } from "../request-context";
import { failure } from "../result";
import { toActionState, type ActionState } from "./action-state";

// The renewal and upgrade pages' forms (/account/renew/[id], /account/upgrade/[id]). Each parses
// what the request carried, then the service checks the session and that the purchase is the
// caller's own before Stripe is asked for anything.
const field = (formData: unknown, name: string) =>
  formData instanceof FormData ? (formData.get(name) ?? undefined) : undefined;
const renewal = z.object({ entitlementId: recordId, automatic: z.enum(["on"]).optional() });
const upgrade = z.object({
  entitlementId: recordId,
  tierId: recordId,
  seats: z.coerce.number().int().min(1).max(MAX_SEATS).optional(),
});
const cancel = z.object({ entitlementId: recordId });

export async function startRenewalAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = renewal.safeParse({
    entitlementId: field(formData, "entitlementId"),
    automatic: field(formData, "automatic") || undefined,
  });
  if (!parsed.success) return toActionState(failure("invalid_input", "Choose a purchase to renew."));
  const { entitlementId, automatic } = parsed.data;
  const started = await startRenewalCheckout(
    await getCurrentUser(),
    { entitlementId, automatic: automatic === "on" },
    (await requestContext()).ip,
  );
  if (started.status === "error") return toActionState(started);
  redirect(started.data.url);
}

export async function startUpgradeAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = upgrade.safeParse({
    entitlementId: field(formData, "entitlementId"),
    tierId: field(formData, "tierId"),
    seats: field(formData, "seats") || undefined,
  });
  if (!parsed.success) return toActionState(failure("invalid_input", "Choose a tier and a number of seats."));
  const started = await startUpgradeCheckout(
    await getCurrentUser(),
    parsed.data,
    (await requestContext()).ip,
  );
  if (started.status === "error") return toActionState(started);
  redirect(started.data.url);
}

export async function cancelAutoRenewalAction(
  _state: ActionState<{ updatesUntil: Date | null }>,
  formData: FormData,
): Promise<ActionState<{ updatesUntil: Date | null }>> {
  const parsed = cancel.safeParse({ entitlementId: field(formData, "entitlementId") });
  if (!parsed.success) return toActionState(failure("invalid_input", "Choose a purchase."));
  const cancelled = await cancelAutomaticRenewal(
    await getCurrentUser(),
    parsed.data,
    (await requestContext()).ip,
  );
  if (cancelled.status === "success") revalidatePath(`/account/renew/${parsed.data.entitlementId}`);
  return toActionState(cancelled);
}
