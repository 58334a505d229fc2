-- AlterTable
ALTER TABLE "StripeEvent" ADD COLUMN     "claimToken" TEXT,
ADD COLUMN     "claimExpiresAt" TIMESTAMP(3);
