-- CreateTable
CREATE TABLE "SignInRateLimit" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SignInRateLimit_pkey" PRIMARY KEY ("key","windowStart")
);

