-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "activationLimit" INTEGER,
ADD COLUMN     "updateMonths" INTEGER;

-- AlterTable
ALTER TABLE "Entitlement" ADD COLUMN     "updatesUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "License" (
    "id" TEXT NOT NULL,
    "entitlementId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "License_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LicenseActivation" (
    "id" TEXT NOT NULL,
    "licenseId" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "label" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LicenseActivation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitCounter" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimitCounter_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateIndex
CREATE UNIQUE INDEX "License_entitlementId_key" ON "License"("entitlementId");

-- CreateIndex
CREATE UNIQUE INDEX "License_key_key" ON "License"("key");

-- CreateIndex
CREATE UNIQUE INDEX "LicenseActivation_licenseId_fingerprint_key" ON "LicenseActivation"("licenseId", "fingerprint");

-- CreateIndex
CREATE INDEX "RateLimitCounter_windowStart_idx" ON "RateLimitCounter"("windowStart");

-- AddForeignKey
ALTER TABLE "License" ADD CONSTRAINT "License_entitlementId_fkey" FOREIGN KEY ("entitlementId") REFERENCES "Entitlement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LicenseActivation" ADD CONSTRAINT "LicenseActivation_licenseId_fkey" FOREIGN KEY ("licenseId") REFERENCES "License"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill: a key for every entitlement granted before keys existed, in the same readable
-- format as new keys (DL- and four groups of five), from gen_random_uuid's random bits.
INSERT INTO "License" ("id", "entitlementId", "key", "updatedAt")
SELECT 'lic' || replace(gen_random_uuid()::text, '-', ''), e."id",
       'DL-' || substr(k, 1, 5) || '-' || substr(k, 6, 5) || '-' || substr(k, 11, 5) || '-' || substr(k, 16, 5),
       CURRENT_TIMESTAMP
FROM (
  SELECT "id", upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 12) || substr(replace(gen_random_uuid()::text, '-', ''), 1, 8)) AS k
  FROM "Entitlement"
) e;
