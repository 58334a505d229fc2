import "server-only";
import { notFound, redirect } from "next/navigation";
import { getCurrentUser } from "../auth/session";
import { findOwnEntitlement } from "../dal/renewals";
import { recordId } from "../input-schemas";

// The renewal and upgrade pages' first step: a signed-out visitor (an email's one-click link) signs
// in and comes back to `path`; anyone else's purchase, or an id that is not one, is not found.
export async function ownEntitlementFor(path: string, entitlementId: string) {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  if (!recordId.safeParse(entitlementId).success) notFound();
  const entitlement = await findOwnEntitlement(user.id, entitlementId);
  if (!entitlement) notFound();
  return entitlement;
}
