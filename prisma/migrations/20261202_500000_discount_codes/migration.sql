-- Discount codes made in the admin (Stripe coupons and promotion codes), the Stripe Product each
-- tier is sold as, and the code an order used.
-- CreateEnum
CREATE TYPE "DiscountKind" AS ENUM ('percent', 'amount');

-- AlterTable
ALTER TABLE "ProductTier" ADD COLUMN     "stripeProductAs" TEXT,
ADD COLUMN     "stripeProductId" TEXT;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "discountCodeId" TEXT,
ADD COLUMN     "promotionCode" TEXT;

-- CreateTable
CREATE TABLE "DiscountCode" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "kind" "DiscountKind" NOT NULL,
    "percentOff" INTEGER,
    "amountOff" INTEGER,
    "currency" TEXT,
    "expiresAt" TIMESTAMP(3),
    "maxRedemptions" INTEGER,
    "firstPurchaseOnly" BOOLEAN NOT NULL DEFAULT false,
    "stripeCouponId" TEXT NOT NULL,
    "stripePromotionCodeId" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DiscountCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DiscountCodeTier" (
    "discountCodeId" TEXT NOT NULL,
    "tierId" TEXT NOT NULL,

    CONSTRAINT "DiscountCodeTier_pkey" PRIMARY KEY ("discountCodeId","tierId")
);

-- CreateIndex
CREATE UNIQUE INDEX "DiscountCode_code_key" ON "DiscountCode"("code");

-- CreateIndex
CREATE UNIQUE INDEX "DiscountCode_stripeCouponId_key" ON "DiscountCode"("stripeCouponId");

-- CreateIndex
CREATE UNIQUE INDEX "DiscountCode_stripePromotionCodeId_key" ON "DiscountCode"("stripePromotionCodeId");

-- CreateIndex
CREATE INDEX "DiscountCodeTier_tierId_idx" ON "DiscountCodeTier"("tierId");

-- CreateIndex
CREATE UNIQUE INDEX "ProductTier_stripeProductId_key" ON "ProductTier"("stripeProductId");

-- CreateIndex
CREATE INDEX "Order_discountCodeId_idx" ON "Order"("discountCodeId");

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_discountCodeId_fkey" FOREIGN KEY ("discountCodeId") REFERENCES "DiscountCode"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiscountCodeTier" ADD CONSTRAINT "DiscountCodeTier_discountCodeId_fkey" FOREIGN KEY ("discountCodeId") REFERENCES "DiscountCode"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiscountCodeTier" ADD CONSTRAINT "DiscountCodeTier_tierId_fkey" FOREIGN KEY ("tierId") REFERENCES "ProductTier"("id") ON DELETE CASCADE ON UPDATE CASCADE;

