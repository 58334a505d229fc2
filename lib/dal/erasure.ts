import "server-only";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { signInAddressKey } from "./sign-in-limits";

// What an erased customer's address becomes wherever it has to stay (orders are tax records).
// ".invalid" is reserved (RFC 2606): nothing can be sent to it, and nobody can sign in with it.
export const erasedEmail = (userId: string) => `erased-${userId}@invalid`;

export type ErasureCounts = {
  sessions: number;
  machines: number;
  keysRevoked: number;
  orders: number;
  downloadRows: number;
  auditRows: number;
};
export type Erasure = { alreadyErased: boolean; counts: ErasureCounts };

type Tx = Prisma.TransactionClient;

// Erases one customer in one transaction: a failure anywhere leaves every row as it was. The user
// row stays, anonymised, because deleting it would cascade to the entitlements and licence keys
// (a revoked key would become an unknown one, and the orders would lose what they bought).
// A second erasure finds nothing left to change and writes no second audit row.
export async function eraseCustomerRows(
  userId: string,
  actor: { id: string; email: string },
  reason: string,
): Promise<Erasure | null> {
  return db.$transaction(async (tx) => {
    // Locks the user row: two admins erasing at once run one after the other.
    const [user] = await tx.$queryRaw<{ email: string | null }[]>`
      SELECT "email" FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
    if (!user) return null;
    const erased = erasedEmail(userId);
    const alreadyErased = user.email === erased;
    const emails = await addressesOf(tx, userId, user.email, erased);
    const ips = await addressesSeen(tx, userId);
    const counts = {
      sessions: (await tx.session.deleteMany({ where: { userId } })).count,
      machines: (await tx.licenseActivation.deleteMany({ where: { license: { entitlement: { userId } } } }))
        .count,
      keysRevoked: (
        await tx.license.updateMany({
          where: { entitlement: { userId }, revokedAt: null },
          data: { revokedAt: new Date() },
        })
      ).count,
      orders: await tx.$executeRaw`UPDATE "Order" SET "email" = ${erased}
        WHERE "userId" = ${userId} OR lower("email") = ANY(${emails}::text[])`,
      downloadRows: await tx.$executeRaw`UPDATE "DownloadEvent" SET "ip" = NULL, "userAgent" = NULL
        WHERE ("ip" IS NOT NULL OR "userAgent" IS NOT NULL)
          AND ("userId" = ${userId} OR "entitlementId" IN (SELECT "id" FROM "Entitlement" WHERE "userId" = ${userId}))`,
      auditRows: await scrubAudit(tx, userId, emails, ips, erased),
    };
    await tx.account.deleteMany({ where: { userId } });
    await tx.verificationToken.deleteMany({ where: { identifier: { in: emails } } });
    await tx.emailOptOut.deleteMany({ where: { email: { in: emails } } });
    await tx.$executeRaw`UPDATE "Entitlement" SET "purchaseEmail" = ${erased}
      WHERE "userId" = ${userId} OR lower("purchaseEmail") = ANY(${emails}::text[])`;
    // Sent and queued emails keep their row (a receipt's row is what stops a second receipt), with
    // the address gone; one not yet sent never will be.
    for (const email of emails)
      await tx.$executeRaw`UPDATE "OutboxEmail" SET "email" = ${erased},
          "dedupeKey" = replace("dedupeKey", ${email}, ${erased}),
          "status" = CASE WHEN "status" = 'sent' THEN 'sent'::"NotificationStatus" ELSE 'failed'::"NotificationStatus" END,
          "lastError" = CASE WHEN "status" = 'sent' THEN "lastError" ELSE 'the recipient was erased' END
        WHERE lower("email") = ${email}`;
    // Webhook messages about the customer's orders keep their content, not their address.
    for (const email of emails)
      await tx.$executeRaw`UPDATE "WebhookDelivery"
        SET "payload" = regexp_replace("payload"::text, ${escapeRegExp(email)}, ${erased}, 'gi')::jsonb
        WHERE strpos(lower("payload"::text), ${email}) > 0`;
    // Rate-limit windows keyed by the customer's address (hashed) or by an address they came from.
    await tx.$executeRaw`DELETE FROM "RateLimitCounter" WHERE "key" = ANY(${emails.map(signInAddressKey)}::text[])
      OR EXISTS (SELECT 1 FROM unnest(${ips}::text[]) AS seen(ip) WHERE "key" LIKE '%:' || seen.ip)`;
    await tx.user.update({
      where: { id: userId },
      data: { email: erased, name: null, image: null, emailVerified: null },
    });
    if (!alreadyErased)
      await tx.auditLog.create({
        data: {
          actorId: actor.id,
          actorEmail: actor.email,
          action: "customer.erase",
          targetType: "User",
          targetId: userId,
          data: { reason, ...counts },
        },
      });
    return { alreadyErased, counts };
  });
}

// Every address the customer's rows name (the account's, and those of purchases tied to it), lower-cased.
async function addressesOf(tx: Tx, userId: string, email: string | null, erased: string) {
  const rows = await tx.$queryRaw<{ email: string }[]>`
    SELECT lower("email") AS "email" FROM "Order" WHERE "userId" = ${userId}
    UNION SELECT lower("purchaseEmail") FROM "Entitlement" WHERE "userId" = ${userId} AND "purchaseEmail" IS NOT NULL`;
  const all = new Set([...(email ? [email.toLowerCase()] : []), ...rows.map((row) => row.email)]);
  all.delete(erased);
  return [...all];
}

// The client addresses the customer was seen from: their downloads and what they did signed in.
async function addressesSeen(tx: Tx, userId: string) {
  const rows = await tx.$queryRaw<{ ip: string }[]>`
    SELECT "ip" FROM "DownloadEvent" WHERE "userId" = ${userId} AND "ip" IS NOT NULL
    UNION SELECT "data"->>'ip' FROM "AuditLog" WHERE "actorId" = ${userId} AND "data"->>'ip' IS NOT NULL`;
  return rows.map((row) => row.ip);
}

// Audit rows keep what happened and lose who it was: the customer's address becomes the erased
// one (as actor or inside the data), and rows they acted in, or that came from an address they
// used, lose the client address and user agent.
async function scrubAudit(tx: Tx, userId: string, emails: string[], ips: string[], erased: string) {
  let changed = await tx.$executeRaw`UPDATE "AuditLog" SET "data" = "data" - 'ip' - 'userAgent'
    WHERE ("data" ? 'ip' OR "data" ? 'userAgent')
      AND ("actorId" = ${userId} OR "data"->>'ip' = ANY(${ips}::text[]))`;
  for (const email of emails) {
    const pattern = escapeRegExp(email);
    changed += await tx.$executeRaw`UPDATE "AuditLog"
      SET "actorEmail" = CASE WHEN lower("actorEmail") = ${email} THEN ${erased} ELSE "actorEmail" END,
          "data" = CASE WHEN strpos(lower("data"::text), ${email}) > 0
            THEN regexp_replace("data"::text, ${pattern}, ${erased}, 'gi')::jsonb ELSE "data" END
      WHERE lower("actorEmail") = ${email} OR strpos(lower("data"::text), ${email}) > 0`;
  }
  return changed;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
