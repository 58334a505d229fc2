-- One outbox for every email the store sends by itself: release emails move here from
-- "ReleaseNotification", and receipts, failed-payment notices and customers' files join them
-- (they were sent inside the request, and a crash between marking and sending lost them).

-- CreateEnum
CREATE TYPE "OutboxEmailKind" AS ENUM ('release', 'receipt', 'payment_failed', 'customer_file');

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" TEXT NOT NULL,
    "kind" "OutboxEmailKind" NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "releaseId" TEXT,
    "orderId" TEXT,
    "customerFileId" TEXT,
    "status" "NotificationStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxEmail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OutboxEmail_dedupeKey_key" ON "OutboxEmail"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxEmail_status_createdAt_idx" ON "OutboxEmail"("status", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxEmail_releaseId_idx" ON "OutboxEmail"("releaseId");

-- CreateIndex
CREATE INDEX "OutboxEmail_orderId_idx" ON "OutboxEmail"("orderId");

-- AddForeignKey
ALTER TABLE "OutboxEmail" ADD CONSTRAINT "OutboxEmail_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxEmail" ADD CONSTRAINT "OutboxEmail_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxEmail" ADD CONSTRAINT "OutboxEmail_customerFileId_fkey" FOREIGN KEY ("customerFileId") REFERENCES "CustomerFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Release emails, queued or sent, keep their state.
INSERT INTO "OutboxEmail" ("id", "kind", "dedupeKey", "email", "releaseId", "status", "attempts", "claimedAt", "sentAt", "lastError", "createdAt")
SELECT "id", 'release', 'release:' || "releaseId" || ':' || "email", "email", "releaseId", "status", "attempts", "claimedAt", "sentAt", "lastError", "createdAt"
FROM "ReleaseNotification";

-- Receipts already sent stay sent. An order without one is not queued here: orders from before
-- receipts were recorded look the same. `npm run stripe:reconcile` queues the missing receipt of
-- any order it fulfils again.
INSERT INTO "OutboxEmail" ("id", "kind", "dedupeKey", "email", "orderId", "status", "attempts", "sentAt", "createdAt")
SELECT 'ob' || replace(gen_random_uuid()::text, '-', ''), 'receipt', 'receipt:' || "stripeCheckoutSessionId", "email", "id", 'sent', 1, "receiptSentAt", "receiptSentAt"
FROM "Order" WHERE "receiptSentAt" IS NOT NULL;

-- DropForeignKey
ALTER TABLE "ReleaseNotification" DROP CONSTRAINT "ReleaseNotification_releaseId_fkey";

-- DropTable
DROP TABLE "ReleaseNotification";

-- AlterTable
ALTER TABLE "Order" DROP COLUMN "receiptSentAt";
