import "server-only";
import { db } from "../db";
import { rateLimitHitCte, type RateLimitHit } from "./rate-limit";
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

type CheckedLicense = NonNullable<Awaited<ReturnType<typeof findLicenseByKey>>>;
type CheckRow = {
  hits: number;
  id: string | null;
  key: string;
  revokedAt: Date | null;
  entitlementId: string;
  status: CheckedLicense["entitlement"]["status"];
  updatesUntil: Date | null;
  productId: string;
  slug: string;
  name: string;
  seats: number;
  tierName: string | null;
  machinesPerSeat: number | null;
  used: number;
  touched: number;
};

// A licence check in one round trip: counts this call against its address's budget (`hit`),
// reads the key as findLicenseByKey does and, when the app names its machine and its product is
// the key's, marks that machine as seen. Nothing is touched once the address is over budget.
export async function checkLicense(
  hit: RateLimitHit,
  key: string,
  product: string,
  fingerprint: string | null,
  now = new Date(),
) {
  const [row] = await db.$queryRaw<CheckRow[]>`
    WITH ${rateLimitHitCte(hit)},
    license AS (
      SELECT l."id", l."key", l."revokedAt", e."id" AS "entitlementId", e."status"::text AS "status", e."updatesUntil",
             e."seats", t."name" AS "tierName", t."machinesPerSeat", p."id" AS "productId", p."slug", p."name",
             (SELECT count(*)::int FROM "LicenseActivation" a WHERE a."licenseId" = l."id") AS "used"
      FROM "License" l JOIN "Entitlement" e ON e."id" = l."entitlementId" JOIN "Product" p ON p."id" = e."productId"
      LEFT JOIN "ProductTier" t ON t."id" = e."tierId"
      WHERE l."key" = ${key}
    ),
    touched AS (
      UPDATE "LicenseActivation" a SET "lastSeenAt" = ${now}
      FROM license, hit
      WHERE a."licenseId" = license."id" AND a."fingerprint" = ${fingerprint}::text AND license."slug" = ${product}
        AND hit."count" <= ${hit.limit}
      RETURNING a."id"
    )
    SELECT hit."count" AS "hits", license.*, (SELECT count(*)::int FROM touched) AS "touched"
    FROM hit LEFT JOIN license ON true`;
  const license: CheckedLicense | null = row.id
    ? {
        id: row.id,
        key: row.key,
        revokedAt: row.revokedAt,
        entitlement: {
          id: row.entitlementId,
          status: row.status,
          updatesUntil: row.updatesUntil,
          seats: row.seats,
          tier: row.tierName === null ? null : { name: row.tierName, machinesPerSeat: row.machinesPerSeat },
          product: { id: row.productId, slug: row.slug, name: row.name },
        },
        _count: { activations: row.used },
      }
    : null;
  return { hits: Number(row.hits), license, activated: row.touched > 0 };
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
