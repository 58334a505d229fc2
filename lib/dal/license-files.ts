import "server-only";
import { db } from "../db";

// What a licence file states about a key, read by the key (activate) or by its owner (the library).
const facts = {
  id: true,
  key: true,
  revokedAt: true,
  entitlement: {
    select: {
      userId: true,
      status: true,
      seats: true,
      updatesUntil: true,
      tier: { select: { name: true } },
      product: { select: { slug: true, name: true } },
    },
  },
} as const;

export type LicenseFacts = NonNullable<Awaited<ReturnType<typeof findLicenseFacts>>>;

export async function findLicenseFacts(where: { key: string } | { id: string }) {
  return db.license.findUnique({ where, select: facts });
}
