-- The customer portal and renewal reminders: an opt-out now names its topic (existing ones were
-- all about release emails, and stay so), and a reminder in the outbox points at its entitlement.

-- CreateEnum
CREATE TYPE "EmailTopic" AS ENUM ('release', 'renewal_reminder');

-- AlterEnum
ALTER TYPE "OutboxEmailKind" ADD VALUE 'renewal_reminder';

-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "entitlementId" TEXT;

-- AlterTable
ALTER TABLE "EmailOptOut" DROP CONSTRAINT "EmailOptOut_pkey",
ADD COLUMN     "topic" "EmailTopic" NOT NULL DEFAULT 'release',
ADD CONSTRAINT "EmailOptOut_pkey" PRIMARY KEY ("email", "productId", "topic");

-- CreateIndex
CREATE INDEX "OutboxEmail_entitlementId_idx" ON "OutboxEmail"("entitlementId");

-- AddForeignKey
ALTER TABLE "OutboxEmail" ADD CONSTRAINT "OutboxEmail_entitlementId_fkey" FOREIGN KEY ("entitlementId") REFERENCES "Entitlement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

