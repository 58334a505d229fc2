import "server-only";
import { Prisma } from "../generated/prisma/client";

// Who asks for a download link, resolved inside the query that looks the file up, so that a
// stable link costs no round trip of its own for the session (lib/delivery/issue-link.ts).

// A caller already known: the signed-in customer of a server action (whose admin role the link
// path never asks for), or a test.
export type KnownCaller = { id: string; email: string; isAdmin?: boolean; licensedEntitlementId?: string };

// What a stable link's request carries: next-auth's database session cookie and/or a licence key.
// `sessionExpiry` is next-auth's sliding window (its session maxAge and updateAge): a session
// older than `updateAfterMs` is extended to `maxAgeMs` from now, as reading it through next-auth
// would, so a script that only ever downloads keeps its session alive.
export type LinkCredentials = {
  sessionToken: string | null;
  licenseKey: string | null;
  sessionExpiry: { maxAgeMs: number; updateAfterMs: number };
};

export const isKnownCaller = (who: KnownCaller | LinkCredentials): who is KnownCaller => "id" in who;

// The `caller` CTE (at most one row: id, email, via) and, for a session, the CTE that slides its
// expiry. Rules as before the merge: a session that has not expired and whose user has an email
// (next-auth's session read), else a live licence key, which acts only through its own
// entitlement (`via`); a revoked key is nobody. A database error throws, as every query does: it
// never reads as "signed out".
export function callerCtes(who: KnownCaller | LinkCredentials, now = new Date()): Prisma.Sql {
  if (isKnownCaller(who)) {
    return Prisma.sql`caller AS (
      SELECT ${who.id}::text AS "id", ${who.email}::text AS "email", ${who.licensedEntitlementId ?? null}::text AS "via")`;
  }
  const { sessionToken, licenseKey, sessionExpiry } = who;
  const extendTo = new Date(now.getTime() + sessionExpiry.maxAgeMs);
  const dueBefore = new Date(extendTo.getTime() - sessionExpiry.updateAfterMs);
  return Prisma.sql`caller AS (
      SELECT * FROM (
        SELECT u."id", u."email", NULL::text AS "via", 0 AS "rank"
        FROM "Session" s JOIN "User" u ON u."id" = s."userId"
        WHERE s."sessionToken" = ${sessionToken}::text AND s."expires" > ${now} AND u."email" IS NOT NULL
        UNION ALL
        SELECT u."id", u."email", l."entitlementId", 1
        FROM "License" l JOIN "Entitlement" e ON e."id" = l."entitlementId" JOIN "User" u ON u."id" = e."userId"
        WHERE l."key" = ${licenseKey}::text AND l."revokedAt" IS NULL AND u."email" IS NOT NULL
      ) candidates ORDER BY "rank" LIMIT 1
    ),
    session_extended AS (
      UPDATE "Session" SET "expires" = ${extendTo}
      WHERE "sessionToken" = ${sessionToken}::text AND "expires" > ${now} AND "expires" < ${dueBefore}
      RETURNING 1
    )`;
}

export type CallerColumns = { callerId: string | null; callerEmail: string | null; callerVia: string | null };

export const callerFrom = (row: CallerColumns | undefined): KnownCaller | null =>
  row?.callerId && row.callerEmail
    ? { id: row.callerId, email: row.callerEmail, licensedEntitlementId: row.callerVia ?? undefined }
    : null;
