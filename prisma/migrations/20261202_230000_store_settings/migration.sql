-- CreateTable
CREATE TABLE "StoreSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "name" TEXT NOT NULL,
    "logoKey" TEXT,
    "accentColor" TEXT NOT NULL DEFAULT '#4f46e5',
    "supportEmail" TEXT,
    "termsUrl" TEXT,
    "privacyUrl" TEXT,
    "refundUrl" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StoreSettings_pkey" PRIMARY KEY ("id")
);

