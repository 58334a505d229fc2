// An admin's changes to what one customer has: entitlements by hand, and licence keys. Each
// change and its audit row happen here, whoever asks (today the admin customer page).
import "server-only";
import { recordAudit, type AuditActor } from "../dal/audit";
import { grantManualEntitlement, resetDownloadCount, setEntitlementStatus } from "../dal/customers";
import { regenerateLicenseKey, resetActivations, setLicenseRevoked } from "../dal/licenses";
import { failure, success, type Result } from "../result";

export type EntitlementChange = "revoke" | "restore" | "reset_downloads";
export type LicenseChange = "revoke" | "restore" | "reset_activations" | "regenerate";

export async function grantEntitlement(
  { userId, productId, reason }: { userId: string; productId: string; reason: string },
  actor: AuditActor,
): Promise<Result<null>> {
  const entitlement = await grantManualEntitlement(userId, productId, reason);
  if (!entitlement) return failure("not_found", "No such customer or product.");
  await recordAudit(
    actor,
    "entitlement.grant",
    { type: "Entitlement", id: entitlement.id },
    { userId, productId, reason },
  );
  return success(null);
}

export async function changeEntitlement(
  { entitlementId, change, reason }: { entitlementId: string; change: EntitlementChange; reason: string },
  actor: AuditActor,
): Promise<Result<null>> {
  const updated =
    change === "reset_downloads"
      ? await resetDownloadCount(entitlementId)
      : await setEntitlementStatus(
          entitlementId,
          change === "revoke" ? "revoked" : "active",
          change === "revoke" ? reason : null,
        );
  if (!updated) return failure("not_found", "No such entitlement.");
  await recordAudit(actor, `entitlement.${change}`, { type: "Entitlement", id: entitlementId }, { reason });
  return success(null);
}

// Revoke or restore a key, forget its machines, or issue a new key (the old one stops working at
// once and its machines must activate again).
export async function changeLicense(
  { licenseId, change, reason }: { licenseId: string; change: LicenseChange; reason: string },
  actor: AuditActor,
): Promise<Result<null>> {
  const done =
    change === "reset_activations"
      ? await resetActivations(licenseId)
      : change === "regenerate"
        ? await regenerateLicenseKey(licenseId)
        : await setLicenseRevoked(licenseId, change === "revoke");
  if (!done) return failure("not_found", "No such licence.");
  await recordAudit(actor, `license.${change}`, { type: "License", id: licenseId }, { reason });
  return success(null);
}
