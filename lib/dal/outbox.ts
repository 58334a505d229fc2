import "server-only";
import { db } from "../db";
import type { OutboxEmailKind } from "../generated/prisma/client";

// The email outbox (prisma/schema.prisma, OutboxEmail). Rows are written beside what they tell
// about; senders claim them in batches and mark each one as the mail server accepts it.

export const receiptKey = (checkoutSessionId: string) => `receipt:${checkoutSessionId}`;

// The nested write that queues an order's receipt inside the transaction creating the order.
export const queuedReceipt = (checkoutSessionId: string, email: string) => ({
  create: { kind: "receipt" as const, dedupeKey: receiptKey(checkoutSessionId), email },
});

// For an order that exists already (a redelivery, reconcile): queues its receipt unless one is
// queued or sent. Orders from before the outbox get theirs the first time they are fulfilled again.
export async function ensureReceiptQueued(order: {
  id: string;
  email: string;
  stripeCheckoutSessionId: string | null;
  stripeInvoiceId?: string | null;
}) {
  // A renewal paid by a subscription's invoice has no checkout session: its invoice names it.
  const paidBy = order.stripeCheckoutSessionId ?? order.stripeInvoiceId;
  if (!paidBy) return;
  await enqueueEmail({
    kind: "receipt",
    dedupeKey: receiptKey(paidBy),
    email: order.email,
    orderId: order.id,
  });
}

type NewEmail = {
  kind: OutboxEmailKind;
  dedupeKey: string;
  email: string;
  orderId?: string;
  customerFileId?: string;
};

// Idempotent: a second call with the same key leaves the first row as it is.
export async function enqueueEmail(email: NewEmail) {
  await db.outboxEmail.createMany({ data: [email], skipDuplicates: true });
}

export type ClaimedEmail = {
  id: string;
  kind: OutboxEmailKind;
  dedupeKey: string;
  email: string;
  releaseId: string | null;
  orderId: string | null;
  customerFileId: string | null;
  entitlementId: string | null;
};

// Which rows a sender wants: all, one release's, or exactly these (the ones a request queued).
export type OutboxFilter = { releaseId?: string; dedupeKeys?: string[] };

// Takes up to `limit` rows for this sender: pending ones, and ones whose sender claimed them more
// than `staleAfterMs` ago and died. SKIP LOCKED lets several senders work side by side.
export async function claimEmails(limit: number, staleAfterMs: number, filter: OutboxFilter = {}) {
  const stale = new Date(Date.now() - staleAfterMs);
  const releaseId = filter.releaseId ?? null;
  const keys = filter.dedupeKeys ?? null;
  return db.$queryRaw<ClaimedEmail[]>`
    UPDATE "OutboxEmail" SET "status" = 'sending', "claimedAt" = now(), "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "OutboxEmail"
      WHERE ("status" = 'pending' OR ("status" = 'sending' AND "claimedAt" < ${stale}))
        AND (${releaseId}::text IS NULL OR "releaseId" = ${releaseId})
        AND (${keys}::text[] IS NULL OR "dedupeKey" = ANY(${keys}::text[]))
      ORDER BY "createdAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "kind", "dedupeKey", "email", "releaseId", "orderId", "customerFileId", "entitlementId"`;
}

// Marked as soon as the mail server accepted it; a customer's file also records that its owner
// was told (the admin page shows it).
export async function markEmailSent(email: ClaimedEmail) {
  await db.$transaction([
    db.outboxEmail.update({
      where: { id: email.id },
      data: { status: "sent", sentAt: new Date(), lastError: null },
    }),
    ...(email.customerFileId
      ? [db.customerFile.update({ where: { id: email.customerFileId }, data: { notifiedAt: new Date() } })]
      : []),
  ]);
}

// A failed send goes back to pending until it has been tried `maxAttempts` times; `gone` (what
// the email was about no longer exists) ends it at once.
export async function markEmailFailed(id: string, error: string, maxAttempts: number, gone = false) {
  const row = await db.outboxEmail.findUniqueOrThrow({ where: { id }, select: { attempts: true } });
  const status = gone || row.attempts >= maxAttempts ? "failed" : "pending";
  await db.outboxEmail.update({ where: { id }, data: { status, lastError: error.slice(0, 500) } });
  return status;
}

// An admin's "try again" for an email that ran out of attempts: it starts over.
export async function retryEmail(dedupeKey: string) {
  await db.outboxEmail.updateMany({
    where: { dedupeKey, status: "failed" },
    data: { status: "pending", attempts: 0 },
  });
}

export async function emailStatus(dedupeKey: string) {
  return (
    (await db.outboxEmail.findUnique({ where: { dedupeKey }, select: { status: true } }))?.status ?? null
  );
}

// Customers' files that became ready without their email reaching the outbox (a crash right after
// the upload completed), for `npm run emails:send`.
export async function enqueueUnannouncedCustomerFiles(since: Date): Promise<number> {
  return db.$executeRaw`
    INSERT INTO "OutboxEmail" ("id", "kind", "dedupeKey", "customerFileId", "email")
    SELECT 'cf' || replace(gen_random_uuid()::text, '-', ''), 'customer_file', 'customer_file:' || f."id", f."id", u."email"
    FROM "CustomerFile" f JOIN "User" u ON u."id" = f."userId"
    WHERE f."status" = 'ready' AND f."removedAt" IS NULL AND f."notifiedAt" IS NULL
      AND f."createdAt" >= ${since} AND u."email" IS NOT NULL
    ON CONFLICT ("dedupeKey") DO NOTHING`;
}
