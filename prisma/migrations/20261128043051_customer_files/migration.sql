-- AlterTable
ALTER TABLE "Upload" ADD COLUMN     "customerFileId" TEXT,
ALTER COLUMN "fileId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "DownloadEvent" ADD COLUMN     "customerFileId" TEXT;

-- CreateTable
CREATE TABLE "CustomerFile" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "filename" TEXT NOT NULL,
    "objectKey" TEXT NOT NULL,
    "sizeBytes" BIGINT NOT NULL,
    "sha256" TEXT,
    "contentType" TEXT NOT NULL DEFAULT 'application/octet-stream',
    "status" "FileStatus" NOT NULL DEFAULT 'pending',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notifiedAt" TIMESTAMP(3),
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "CustomerFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CustomerFile_objectKey_key" ON "CustomerFile"("objectKey");

-- CreateIndex
CREATE INDEX "CustomerFile_userId_createdAt_idx" ON "CustomerFile"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Upload_customerFileId_key" ON "Upload"("customerFileId");

-- AddForeignKey
ALTER TABLE "CustomerFile" ADD CONSTRAINT "CustomerFile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_customerFileId_fkey" FOREIGN KEY ("customerFileId") REFERENCES "CustomerFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DownloadEvent" ADD CONSTRAINT "DownloadEvent_customerFileId_fkey" FOREIGN KEY ("customerFileId") REFERENCES "CustomerFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

