import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../db";

// Ledger of webhook deliveries. An event counts as handled only once its handler succeeded; while
// a handler runs, the delivery running it holds a claim on the event that expires.
//
// Why a claim with an expiry and not a claim inside the handler's transaction: handlers call
// Stripe's API and send mail, which a database transaction cannot hold or undo, and a transaction
// held open across those calls would pin a connection (PGlite's only session) for as long as they
// take. A claim that expires needs no open transaction, and a process that crashes mid-handler
// leaves a claim that lapses by itself, so Stripe's next retry runs the handler again.
// Longer than a handler can run: Stripe calls give up within 3 × 20 s (lib/payments/stripe.ts) and
// mail within 50 s (lib/mail/send.ts).
export const EVENT_CLAIM_SECONDS = 300;

export type EventClaim = { status: "claimed"; token: string } | { status: "processed" | "in_progress" };

// One statement, so concurrent deliveries of one event, on any instance, cannot both win: the
// insert creates the claim, or the update takes over an unprocessed event whose claim lapsed
// (or was released by a failed handler). Times are the database's, in UTC like Prisma's columns.
export async function claimEvent(eventId: string, type: string): Promise<EventClaim> {
  const token = randomUUID();
  const claimed = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "StripeEvent" ("id", "type", "claimToken", "claimExpiresAt")
    VALUES (${eventId}, ${type}, ${token}, (now() AT TIME ZONE 'UTC') + make_interval(secs => ${EVENT_CLAIM_SECONDS}))
    ON CONFLICT ("id") DO UPDATE SET "claimToken" = EXCLUDED."claimToken", "claimExpiresAt" = EXCLUDED."claimExpiresAt"
    WHERE "StripeEvent"."processedAt" IS NULL
      AND ("StripeEvent"."claimExpiresAt" IS NULL OR "StripeEvent"."claimExpiresAt" <= (now() AT TIME ZONE 'UTC'))
    RETURNING "id"`;
  if (claimed.length === 1) return { status: "claimed", token };
  const event = await db.stripeEvent.findUnique({ where: { id: eventId }, select: { processedAt: true } });
  return { status: event?.processedAt ? "processed" : "in_progress" };
}

export async function markEventProcessed(eventId: string) {
  await db.stripeEvent.update({
    where: { id: eventId },
    data: { processedAt: new Date(), lastError: null, claimToken: null, claimExpiresAt: null },
  });
}

// Releases this delivery's claim (not a later one's), so Stripe's retry may run the handler again.
export async function markEventFailed(eventId: string, token: string, error: string) {
  await db.stripeEvent.updateMany({
    where: { id: eventId, claimToken: token },
    data: { lastError: error.slice(0, 1000), claimToken: null, claimExpiresAt: null },
  });
}
