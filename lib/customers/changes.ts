// An admin's changes to what one customer has: entitlements by hand, and licence keys. Each
// change and its audit row happen here, whoever asks (today the admin customer page).
import "server-only";
import { recordAudit, type AuditActor } from "../dal/audit";
import { grantManualEntitlement, resetDownloadCount, setEntitlementStatus } from "../dal/customers";
import { regenerateLicenseKey, resetActivations, setLicenseRevoked } from "../dal/licenses";
import { failure, success, type Result } from "../result";

type Target = { type: "Entitlement" | "License"; id: string };

// A change is audited once it has happened; a record that is not there is the admin's to know.
async function audited(
  changed: unknown,
  notFound: string,
  audit: { actor: AuditActor; action: string; target: Target; data: object },
): Promise<Result<null>> {
  if (!changed) return failure("not_found", notFound);
  await recordAudit(audit.actor, audit.action, audit.target, audit.data);
  return success(null);
}

export type EntitlementChange = "revoke" | "restore" | "reset_downloads";
export type LicenseChange = "revoke" | "restore" | "reset_activations" | "regenerate";

export async function grantEntitlement(
  { userId, productId, reason }: { userId: string; productId: string; reason: string },
  actor: AuditActor,
): Promise<Result<null>> {
  const entitlement = await grantManualEntitlement(userId, productId, reason);
  return audited(entitlement, "No such customer or product.", {
    actor,
    action: "entitlement.grant",
    target: { type: "Entitlement", id: entitlement?.id ?? "" },
    data: { userId, productId, reason },
  });
}

type Change = (id: string, reason: string) => Promise<unknown>;

const ENTITLEMENT_CHANGES: Record<EntitlementChange, Change> = {
  revoke: (id, reason) => setEntitlementStatus(id, "revoked", reason),
  restore: (id) => setEntitlementStatus(id, "active", null),
  reset_downloads: (id) => resetDownloadCount(id),
};

// Revoke or restore a key, forget its machines, or issue a new key (the old one stops working at
// once and its machines must activate again).
const LICENSE_CHANGES: Record<LicenseChange, Change> = {
  revoke: (id) => setLicenseRevoked(id, true),
  restore: (id) => setLicenseRevoked(id, false),
  reset_activations: (id) => resetActivations(id),
  regenerate: (id) => regenerateLicenseKey(id),
};

// One kind of record's changes: each is audited as "<kind>.<change>" with the admin's reason.
const changesOf =
  <C extends string>(type: Target["type"], changes: Record<C, Change>, notFound: string) =>
  async ({ id, change, reason }: { id: string; change: C; reason: string }, actor: AuditActor) =>
    audited(await changes[change](id, reason), notFound, {
      actor,
      action: `${type.toLowerCase()}.${change}`,
      target: { type, id },
      data: { reason },
    });

export const changeEntitlement = changesOf("Entitlement", ENTITLEMENT_CHANGES, "No such entitlement.");
export const changeLicense = changesOf("License", LICENSE_CHANGES, "No such licence.");
