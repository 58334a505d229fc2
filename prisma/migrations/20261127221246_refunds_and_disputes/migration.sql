-- AlterEnum
ALTER TYPE "OrderStatus" ADD VALUE 'dispute_lost';

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "amountRefunded" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "disputeStatus" TEXT,
ADD COLUMN     "receiptSentAt" TIMESTAMP(3),
ADD COLUMN     "stripeDisputeId" TEXT;

