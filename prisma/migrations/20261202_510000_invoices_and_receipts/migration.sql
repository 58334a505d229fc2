-- Receipts: an order number for every order (existing ones numbered by when they were placed),
-- the payment method, and the invoice Stripe Checkout made.
-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "invoiceNumber" TEXT,
ADD COLUMN     "invoicePdfUrl" TEXT,
ADD COLUMN     "invoiceUrl" TEXT,
ADD COLUMN     "number" SERIAL NOT NULL,
ADD COLUMN     "paymentMethod" TEXT;

-- Existing orders numbered by when they were placed; new ones continue after them.
UPDATE "Order" SET "number" = placed.rank
FROM (SELECT "id", row_number() OVER (ORDER BY "createdAt", "id") AS rank FROM "Order") AS placed
WHERE "Order"."id" = placed."id";
SELECT setval(pg_get_serial_sequence('"Order"', 'number'), COALESCE(MAX("number"), 0) + 1, false) FROM "Order";

-- CreateIndex
CREATE UNIQUE INDEX "Order_number_key" ON "Order"("number");

