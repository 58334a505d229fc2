-- Renewals that extend the same entitlement and key, automatic renewal by subscription, and
-- upgrades to a higher tier: order kinds, what each renewal or upgrade order changed, renewal prices.
-- CreateEnum
CREATE TYPE "UpgradePricing" AS ENUM ('prorated', 'flat');

-- CreateEnum
CREATE TYPE "OrderKind" AS ENUM ('purchase', 'renewal', 'upgrade');

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "upgradePricing" "UpgradePricing" NOT NULL DEFAULT 'prorated';

-- AlterTable
ALTER TABLE "ProductTier" ADD COLUMN     "autoRenew" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "renewalPriceCents" INTEGER;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "kind" "OrderKind" NOT NULL DEFAULT 'purchase',
ADD COLUMN     "stripeInvoiceId" TEXT,
ALTER COLUMN "stripeCheckoutSessionId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Entitlement" ADD COLUMN     "stripeSubscriptionId" TEXT;

-- CreateTable
CREATE TABLE "EntitlementChange" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "entitlementId" TEXT NOT NULL,
    "kind" "OrderKind" NOT NULL,
    "previousUntil" TIMESTAMP(3),
    "newUntil" TIMESTAMP(3),
    "previousTierId" TEXT,
    "previousSeats" INTEGER NOT NULL,
    "tierId" TEXT,
    "seats" INTEGER NOT NULL,
    "revertedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EntitlementChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EntitlementChange_orderId_key" ON "EntitlementChange"("orderId");

-- CreateIndex
CREATE INDEX "EntitlementChange_entitlementId_createdAt_idx" ON "EntitlementChange"("entitlementId", "createdAt");

-- CreateIndex
CREATE INDEX "EntitlementChange_kind_previousUntil_idx" ON "EntitlementChange"("kind", "previousUntil");

-- CreateIndex
CREATE UNIQUE INDEX "Order_stripeInvoiceId_key" ON "Order"("stripeInvoiceId");

-- CreateIndex
CREATE UNIQUE INDEX "Entitlement_stripeSubscriptionId_key" ON "Entitlement"("stripeSubscriptionId");

-- AddForeignKey
ALTER TABLE "EntitlementChange" ADD CONSTRAINT "EntitlementChange_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EntitlementChange" ADD CONSTRAINT "EntitlementChange_entitlementId_fkey" FOREIGN KEY ("entitlementId") REFERENCES "Entitlement"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Renewing used to mean buying again at the full price: tiers with a window keep that price for
-- renewals until the seller sets another. A lifetime tier has no window to renew.
UPDATE "ProductTier" SET "renewalPriceCents" = "priceCents" WHERE "updateMonths" IS NOT NULL;
