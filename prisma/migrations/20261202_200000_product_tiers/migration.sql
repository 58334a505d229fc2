-- Price tiers: every product's price, currency, machines per key and update window move into
-- one tier named "Standard", and every entitlement points at its product's tier with one seat,
-- so each key keeps exactly the machine limit and update window it had.

-- CreateTable
CREATE TABLE "ProductTier" (
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "priceCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'usd',
    "machinesPerSeat" INTEGER,
    "updateMonths" INTEGER,
    "perSeat" BOOLEAN NOT NULL DEFAULT false,
    "minSeats" INTEGER NOT NULL DEFAULT 1,
    "maxSeats" INTEGER NOT NULL DEFAULT 1,
    "position" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductTier_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProductTier_productId_position_idx" ON "ProductTier"("productId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ProductTier_productId_name_key" ON "ProductTier"("productId", "name");

-- AddForeignKey
ALTER TABLE "ProductTier" ADD CONSTRAINT "ProductTier_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "Entitlement" ADD COLUMN     "seats" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "tierId" TEXT;

-- AddForeignKey
ALTER TABLE "Entitlement" ADD CONSTRAINT "Entitlement_tierId_fkey" FOREIGN KEY ("tierId") REFERENCES "ProductTier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Backfill: one tier per product, from the product's own columns.
INSERT INTO "ProductTier" ("id", "productId", "name", "priceCents", "currency", "machinesPerSeat", "updateMonths", "updatedAt")
SELECT 'tier' || replace(gen_random_uuid()::text, '-', ''), "id", 'Standard', "priceCents", "currency",
       "activationLimit", "updateMonths", CURRENT_TIMESTAMP
FROM "Product";

UPDATE "Entitlement" e SET "tierId" = t."id" FROM "ProductTier" t WHERE t."productId" = e."productId";

-- AlterTable
ALTER TABLE "Product" DROP COLUMN "activationLimit",
DROP COLUMN "currency",
DROP COLUMN "priceCents",
DROP COLUMN "updateMonths";
