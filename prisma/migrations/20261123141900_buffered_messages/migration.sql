-- CreateTable
CREATE TABLE "BufferedMessage" (
    "id" TEXT NOT NULL,
    "messageName" TEXT NOT NULL,
    "correlationKey" TEXT NOT NULL,
    "variables" JSONB NOT NULL,
    "publishedBy" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "subscriptionId" TEXT,
    "caseId" TEXT,
    "correlatedAt" TIMESTAMP(3),

    CONSTRAINT "BufferedMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BufferedMessage_messageName_correlationKey_status_expiresAt_idx" ON "BufferedMessage"("messageName", "correlationKey", "status", "expiresAt");

-- CreateIndex
CREATE INDEX "BufferedMessage_subscriptionId_idx" ON "BufferedMessage"("subscriptionId");
