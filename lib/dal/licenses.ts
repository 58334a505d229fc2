import "server-only";
import { db } from "../db";
import { newLicenseKey } from "../licensing/keys";

const licenseView = {
  id: true,
  key: true,
  revokedAt: true,
  entitlement: {
    select: {
      id: true,
      status: true,
      updatesUntil: true,
      seats: true,
      tier: { select: { name: true, machinesPerSeat: true } },
      product: { select: { id: true, slug: true, name: true } },
    },
  },
  _count: { select: { activations: true } },
} as const;

export async function findLicenseByKey(key: string) {
  return db.license.findUnique({ where: { key }, select: licenseView });
}

// The customer behind a live key, for downloads by apps that hold a key but no session, and the
// one entitlement the key belongs to: a key acts only through it (its status, update window and
// download cap), never through another purchase of the same customer. A revoked key is nobody.
export async function findLicenseHolder(key: string) {
  const license = await db.license.findUnique({
    where: { key },
    select: {
      revokedAt: true,
      entitlementId: true,
      entitlement: { select: { user: { select: { id: true, email: true } } } },
    },
  });
  const user = license && !license.revokedAt ? license.entitlement.user : null;
  return user?.email ? { id: user.id, email: user.email, entitlementId: license!.entitlementId } : null;
}

export async function findActivation(licenseId: string, fingerprint: string) {
  return db.licenseActivation.findUnique({ where: { licenseId_fingerprint: { licenseId, fingerprint } } });
}

export type ActivationResult =
  | { ok: true; created: boolean; used: number }
  | { ok: false; reason: "limit_reached"; used: number; limit: number };

// Exactly `limit` machines, however many ask at once: the licence row is locked while counting,
// so concurrent activations queue behind each other. A machine already active just checks in.
export async function activateMachine(
  licenseId: string,
  fingerprint: string,
  label: string | null,
  limit: number | null,
): Promise<ActivationResult> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "License" WHERE "id" = ${licenseId} FOR UPDATE`;
    const existing = await tx.licenseActivation.findUnique({
      where: { licenseId_fingerprint: { licenseId, fingerprint } },
    });
    const used = await tx.licenseActivation.count({ where: { licenseId } });
    if (existing) {
      await tx.licenseActivation.update({
        where: { id: existing.id },
        data: { lastSeenAt: new Date(), label: label ?? existing.label },
      });
      return { ok: true, created: false, used };
    }
    if (limit !== null && used >= limit) return { ok: false, reason: "limit_reached", used, limit };
    await tx.licenseActivation.create({ data: { licenseId, fingerprint, label } });
    return { ok: true, created: true, used: used + 1 };
  });
}

export async function deactivateMachine(licenseId: string, fingerprint: string) {
  const { count } = await db.licenseActivation.deleteMany({ where: { licenseId, fingerprint } });
  return count > 0;
}

export async function touchActivation(id: string) {
  await db.licenseActivation.update({ where: { id }, data: { lastSeenAt: new Date() } });
}

// Admin: revoke or restore a key, forget every machine, or issue a new key (the old one dies).
export async function setLicenseRevoked(id: string, revoked: boolean) {
  const found = await db.license.findUnique({ where: { id }, select: { id: true } });
  if (!found) return null;
  return db.license.update({ where: { id }, data: { revokedAt: revoked ? new Date() : null } });
}

export async function resetActivations(id: string) {
  const found = await db.license.findUnique({ where: { id }, select: { id: true } });
  if (!found) return null;
  const { count } = await db.licenseActivation.deleteMany({ where: { licenseId: id } });
  return { removed: count };
}

export async function regenerateLicenseKey(id: string) {
  const found = await db.license.findUnique({ where: { id }, select: { id: true } });
  if (!found) return null;
  return db.$transaction(async (tx) => {
    await tx.licenseActivation.deleteMany({ where: { licenseId: id } });
    return tx.license.update({ where: { id }, data: { key: newLicenseKey(), revokedAt: null } });
  });
}
