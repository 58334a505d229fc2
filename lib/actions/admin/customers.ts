"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { changeEntitlement, changeLicense, grantEntitlement } from "../../customers/changes";
import { lineText, recordId } from "../../input-schemas";
import type { Result } from "../../result";
import { actorOf, adminFormAction } from "./admin-action";

const id = recordId;
const reason = lineText(300).pipe(z.string().min(3, "give a reason, for the record"));

// The customer's page shows the change once it is made.
const revalidated = (userId: string) => (result: Result<null>) => {
  if (result.status === "success") revalidatePath(`/admin/customers/${userId}`);
  return result;
};

export const grantEntitlementAction = adminFormAction(
  "grantEntitlementAction",
  z.object({ userId: id, productId: id, reason }),
  async (input, admin) => revalidated(input.userId)(await grantEntitlement(input, actorOf(admin))),
);

export const changeEntitlementAction = adminFormAction(
  "changeEntitlementAction",
  z.object({
    entitlementId: id,
    userId: id,
    change: z.enum(["revoke", "restore", "reset_downloads"]),
    reason,
  }),
  async ({ entitlementId: id, userId, ...change }, admin) =>
    revalidated(userId)(await changeEntitlement({ id, ...change }, actorOf(admin))),
);

// A customer's licence key: revoke or restore it, forget its machines, or issue a new key.
export const changeLicenseAction = adminFormAction(
  "changeLicenseAction",
  z.object({
    licenseId: id,
    userId: id,
    change: z.enum(["revoke", "restore", "reset_activations", "regenerate"]),
    reason,
  }),
  async ({ licenseId: id, userId, ...change }, admin) =>
    revalidated(userId)(await changeLicense({ id, ...change }, actorOf(admin))),
);
