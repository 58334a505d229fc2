-- AlterTable
ALTER TABLE "Entitlement" ADD COLUMN     "downloadsResetAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "DownloadEvent_entitlementId_createdAt_idx" ON "DownloadEvent"("entitlementId", "createdAt");

