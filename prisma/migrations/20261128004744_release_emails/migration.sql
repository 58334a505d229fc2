-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('pending', 'sending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "ReleaseNotification" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReleaseNotification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailOptOut" (
    "email" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailOptOut_pkey" PRIMARY KEY ("email","productId")
);

-- CreateIndex
CREATE INDEX "ReleaseNotification_status_createdAt_idx" ON "ReleaseNotification"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReleaseNotification_releaseId_email_key" ON "ReleaseNotification"("releaseId", "email");

-- AddForeignKey
ALTER TABLE "ReleaseNotification" ADD CONSTRAINT "ReleaseNotification_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

