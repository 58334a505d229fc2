import "server-only";
import { db } from "../db";

// Renewal reminders: 30 and 7 days before an entitlement's update window ends, and once after it
// ended. Each is one outbox row whose dedupeKey names the stage, the entitlement and the window end
// it is about, so it is queued once however often (and however many at once) the command runs, and
// a renewal that moves the end makes the next window's reminders new rows.

export const REMINDER_STAGES = ["30_days", "7_days", "ended"] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];

export const reminderKey = (stage: ReminderStage, entitlementId: string, updatesUntil: Date) =>
  `renewal_reminder:${stage}:${entitlementId}:${updatesUntil.toISOString()}`;

const KEY = /^renewal_reminder:(30_days|7_days|ended):([a-z0-9]+):(\d{4}-\d\d-\d\dT[\d:.]+Z)$/i;

export function parseReminderKey(key: string) {
  const match = KEY.exec(key);
  if (!match) return null;
  return { stage: match[1] as ReminderStage, entitlementId: match[2], updatesUntil: new Date(match[3]) };
}

// An "ended" reminder goes out within this long after the end (a first run after an upgrade does not
// remind buyers whose window closed years ago).
const ENDED_REMINDER_DAYS = 30;

// Queues every reminder due at `now`, one statement: only the latest stage due is queued (a cron
// that was down for a week sends "7 days left", not both), only for active purchases with a window
// (lifetime updates have none), a live key, an address, and no opt-out of reminders for the
// product; a stage whose moment came before the purchase was made is skipped (a window shorter
// than 30 days gets no "30 days left"). Answers the keys it added.
export async function enqueueDueReminders(now = new Date()): Promise<string[]> {
  const rows = await db.$queryRaw<{ dedupeKey: string }[]>`
    WITH due AS (
      SELECT e."id", e."updatesUntil", e."productId", lower(coalesce(u."email", e."purchaseEmail")) AS "email",
        CASE
          WHEN ${now}::timestamp >= e."updatesUntil" THEN 'ended'
          WHEN ${now}::timestamp >= e."updatesUntil" - interval '7 days' THEN '7_days'
          WHEN ${now}::timestamp >= e."updatesUntil" - interval '30 days' THEN '30_days'
        END AS "stage"
      FROM "Entitlement" e
      LEFT JOIN "User" u ON u."id" = e."userId"
      WHERE e."status" = 'active' AND e."updatesUntil" IS NOT NULL
        AND ${now}::timestamp >= e."updatesUntil" - interval '30 days'
        AND ${now}::timestamp < e."updatesUntil" + make_interval(days => ${ENDED_REMINDER_DAYS})
        AND coalesce(u."email", e."purchaseEmail") IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM "License" l WHERE l."entitlementId" = e."id" AND l."revokedAt" IS NOT NULL)
    )
    INSERT INTO "OutboxEmail" ("id", "kind", "dedupeKey", "entitlementId", "email")
    SELECT 'rr' || replace(gen_random_uuid()::text, '-', ''), 'renewal_reminder',
      'renewal_reminder:' || d."stage" || ':' || d."id" || ':' || to_char(d."updatesUntil", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      d."id", d."email"
    FROM due d JOIN "Entitlement" e ON e."id" = d."id"
    WHERE e."createdAt" <= d."updatesUntil" - CASE d."stage"
        WHEN '30_days' THEN interval '30 days' WHEN '7_days' THEN interval '7 days' ELSE interval '0 days' END
      AND NOT EXISTS (
        SELECT 1 FROM "EmailOptOut" o
        WHERE o."productId" = d."productId" AND o."topic" = 'renewal_reminder' AND o."email" = d."email"
      )
    ON CONFLICT ("dedupeKey") DO NOTHING
    RETURNING "dedupeKey"`;
  return rows.map((row) => row.dedupeKey);
}

// What a reminder says, read when it is sent. Null when it no longer applies: the purchase was
// revoked, the window moved (a renewal: the new window's reminders are their own rows), the key was
// revoked, or the address opted out since it was queued.
export async function reminderForEmail(dedupeKey: string, email: string) {
  const reminder = parseReminderKey(dedupeKey);
  if (!reminder) return null;
  const entitlement = await db.entitlement.findUnique({
    where: { id: reminder.entitlementId },
    select: {
      id: true,
      status: true,
      updatesUntil: true,
      seats: true,
      product: { select: { id: true, name: true } },
      tier: { select: { name: true } },
      license: { select: { revokedAt: true } },
    },
  });
  if (!entitlement || entitlement.status !== "active" || entitlement.license?.revokedAt) return null;
  if (entitlement.updatesUntil?.getTime() !== reminder.updatesUntil.getTime()) return null;
  const optedOut = await db.emailOptOut.count({
    where: { email, productId: entitlement.product.id, topic: "renewal_reminder" },
  });
  if (optedOut) return null;
  return { stage: reminder.stage, ...entitlement, updatesUntil: reminder.updatesUntil };
}
