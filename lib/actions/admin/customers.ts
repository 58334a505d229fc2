"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordAudit } from "../../dal/audit";
import { lineText, recordId } from "../../input-schemas";
import { grantManualEntitlement, resetDownloadCount, setEntitlementStatus } from "../../dal/customers";
import { regenerateLicenseKey, resetActivations, setLicenseRevoked } from "../../dal/licenses";
import { failure, success } from "../../result";
import { actorOf, adminFormAction } from "./admin-action";

const id = recordId;
const reason = lineText(300).pipe(z.string().min(3, "give a reason, for the record"));

export const grantEntitlementAction = adminFormAction(
  "grantEntitlementAction",
  z.object({ userId: id, productId: id, reason }),
  async ({ userId, productId, reason }, admin) => {
    const entitlement = await grantManualEntitlement(userId, productId, reason);
    if (!entitlement) return failure("not_found", "No such customer or product.");
    await recordAudit(
      actorOf(admin),
      "entitlement.grant",
      { type: "Entitlement", id: entitlement.id },
      { userId, productId, reason },
    );
    revalidatePath(`/admin/customers/${userId}`);
    return success(null);
  },
);

export const changeEntitlementAction = adminFormAction(
  "changeEntitlementAction",
  z.object({
    entitlementId: id,
    userId: id,
    change: z.enum(["revoke", "restore", "reset_downloads"]),
    reason,
  }),
  async ({ entitlementId, userId, change, reason }, admin) => {
    const updated =
      change === "reset_downloads"
        ? await resetDownloadCount(entitlementId)
        : await setEntitlementStatus(
            entitlementId,
            change === "revoke" ? "revoked" : "active",
            change === "revoke" ? reason : null,
          );
    if (!updated) return failure("not_found", "No such entitlement.");
    await recordAudit(
      actorOf(admin),
      `entitlement.${change}`,
      { type: "Entitlement", id: entitlementId },
      { reason },
    );
    revalidatePath(`/admin/customers/${userId}`);
    return success(null);
  },
);

// A customer's licence key: revoke or restore it, forget its machines, or issue a new key (the
// old one stops working at once and its machines must activate again).
export const changeLicenseAction = adminFormAction(
  "changeLicenseAction",
  z.object({
    licenseId: id,
    userId: id,
    change: z.enum(["revoke", "restore", "reset_activations", "regenerate"]),
    reason,
  }),
  async ({ licenseId, userId, change, reason }, admin) => {
    const done =
      change === "reset_activations"
        ? await resetActivations(licenseId)
        : change === "regenerate"
          ? await regenerateLicenseKey(licenseId)
          : await setLicenseRevoked(licenseId, change === "revoke");
    if (!done) return failure("not_found", "No such licence.");
    await recordAudit(actorOf(admin), `license.${change}`, { type: "License", id: licenseId }, { reason });
    revalidatePath(`/admin/customers/${userId}`);
    return success(null);
  },
);
