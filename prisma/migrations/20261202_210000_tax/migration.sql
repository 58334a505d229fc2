-- CreateEnum
CREATE TYPE "TaxBehavior" AS ENUM ('exclusive', 'inclusive');

-- AlterTable
ALTER TABLE "ProductTier" ADD COLUMN     "taxBehavior" "TaxBehavior" NOT NULL DEFAULT 'exclusive';

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "amountDiscount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "amountSubtotal" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "amountTax" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "customerTaxId" TEXT,
ADD COLUMN     "taxCountry" TEXT,
ADD COLUMN     "taxRateBasisPoints" INTEGER,
ADD COLUMN     "taxReverseCharge" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "withdrawalConsentAt" TIMESTAMP(3);


-- Orders from before tax and discounts were recorded: the subtotal is what was charged.
UPDATE "Order" SET "amountSubtotal" = "amountTotal";
