-- CreateTable
CREATE TABLE "MessageSubscription" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "messageName" TEXT NOT NULL,
    "correlationKey" TEXT,
    "status" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "MessageSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MessageSubscription_messageName_correlationKey_status_idx" ON "MessageSubscription"("messageName", "correlationKey", "status");

-- CreateIndex
CREATE INDEX "MessageSubscription_caseId_idx" ON "MessageSubscription"("caseId");

-- AddForeignKey
ALTER TABLE "MessageSubscription" ADD CONSTRAINT "MessageSubscription_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
