"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordAudit } from "../../dal/audit";
import { lineText, recordId } from "../../input-schemas";
import { grantManualEntitlement, resetDownloadCount, setEntitlementStatus } from "../../dal/customers";
import { fail, ok } from "../result";
import { actorOf, adminFormAction } from "./admin-action";

const id = recordId;
const reason = lineText(300).pipe(z.string().min(3, "give a reason, for the record"));

export const grantEntitlementAction = adminFormAction(
  "grantEntitlementAction",
  z.object({ userId: id, productId: id, reason }),
  async ({ userId, productId, reason }, admin) => {
    const entitlement = await grantManualEntitlement(userId, productId, reason);
    if (!entitlement) return fail("not_found", "No such customer or product.");
    await recordAudit(actorOf(admin), "entitlement.grant", { type: "Entitlement", id: entitlement.id }, { userId, productId, reason });
    revalidatePath(`/admin/customers/${userId}`);
    return ok(null);
  },
);

export const changeEntitlementAction = adminFormAction(
  "changeEntitlementAction",
  z.object({ entitlementId: id, userId: id, change: z.enum(["revoke", "restore", "reset_downloads"]), reason }),
  async ({ entitlementId, userId, change, reason }, admin) => {
    const updated =
      change === "reset_downloads"
        ? await resetDownloadCount(entitlementId)
        : await setEntitlementStatus(entitlementId, change === "revoke" ? "revoked" : "active", change === "revoke" ? reason : null);
    if (!updated) return fail("not_found", "No such entitlement.");
    await recordAudit(actorOf(admin), `entitlement.${change}`, { type: "Entitlement", id: entitlementId }, { reason });
    revalidatePath(`/admin/customers/${userId}`);
    return ok(null);
  },
);
