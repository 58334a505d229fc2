import "server-only";
import { db } from "../db";

export type ClaimedDelivery = {
  id: string;
  eventType: string;
  payload: unknown;
  attempts: number;
  createdAt: Date;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
};

// Takes up to `limit` deliveries that are due: pending ones whose next attempt has come, and ones
// a sender claimed more than `staleAfterMs` ago and died with. SKIP LOCKED lets several senders
// (instances, cron hosts) work side by side without taking the same row.
export async function claimDeliveries(limit: number, staleAfterMs: number, now = new Date()) {
  const stale = new Date(now.getTime() - staleAfterMs);
  return db.$queryRaw<ClaimedDelivery[]>`
    WITH claimed AS (
      UPDATE "WebhookDelivery" SET "status" = 'sending', "claimedAt" = ${now}, "attempts" = "attempts" + 1
      WHERE "id" IN (
        SELECT "id" FROM "WebhookDelivery"
        WHERE ("status" = 'pending' AND "nextAttemptAt" <= ${now}) OR ("status" = 'sending' AND "claimedAt" < ${stale})
        ORDER BY "nextAttemptAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING *)
    SELECT c."id", c."eventType", c."payload", c."attempts", c."createdAt", e."url", e."secret",
      e."previousSecret", e."previousSecretExpiresAt"
    FROM claimed c JOIN "WebhookEndpoint" e ON e."id" = c."endpointId"`;
}

// One attempt's outcome, logged; a failure is retried at `retryAt`, or ends the delivery (null).
export async function recordAttempt(
  id: string,
  outcome: { statusCode: number | null; error: string | null; delivered: boolean; retryAt: Date | null },
) {
  const status = outcome.delivered ? "sent" : outcome.retryAt ? "pending" : "failed";
  await db.$transaction([
    db.webhookAttempt.create({
      data: { deliveryId: id, statusCode: outcome.statusCode, error: outcome.error?.slice(0, 500) },
    }),
    db.webhookDelivery.update({
      where: { id },
      data: {
        status,
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error?.slice(0, 500) ?? null,
        ...(outcome.delivered && { deliveredAt: new Date() }),
        ...(outcome.retryAt && { nextAttemptAt: outcome.retryAt }),
      },
    }),
  ]);
}

// An admin's "redeliver": the same message (same id, so receivers can drop a repeat) goes again.
export async function redeliver(id: string) {
  const { count } = await db.webhookDelivery.updateMany({
    where: { id, status: { in: ["sent", "failed"] } },
    data: { status: "pending", attempts: 0, nextAttemptAt: new Date() },
  });
  return count === 1;
}
