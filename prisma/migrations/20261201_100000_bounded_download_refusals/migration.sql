-- AlterTable
ALTER TABLE "DownloadEvent" ADD COLUMN     "count" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "denialKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "DownloadEvent_denialKey_key" ON "DownloadEvent"("denialKey");
