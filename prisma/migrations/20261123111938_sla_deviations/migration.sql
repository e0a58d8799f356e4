-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "dueAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Step" ADD COLUMN     "atRiskAt" TIMESTAMP(3),
ADD COLUMN     "dueAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "dueAt" TIMESTAMP(3),
ADD COLUMN     "waitingSince" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Deviation" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "sopKey" TEXT NOT NULL,
    "sopVersion" INTEGER NOT NULL,
    "unitId" TEXT,
    "stepId" TEXT,
    "elementId" TEXT,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "by" TEXT,
    "details" JSONB NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Deviation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RejectedAction" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "caseId" TEXT,
    "taskId" TEXT,
    "reason" TEXT NOT NULL,
    "request" JSONB NOT NULL,
    CONSTRAINT "RejectedAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaOverride" (
    "sopVersionId" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "sla" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,
    CONSTRAINT "SlaOverride_pkey" PRIMARY KEY ("sopVersionId", "elementId")
);

-- CreateTable
CREATE TABLE "CalendarSettings" (
    "scope" TEXT NOT NULL,
    "timeZone" TEXT,
    "weeklyHours" JSONB,
    "specialHours" JSONB,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "CalendarSettings_pkey" PRIMARY KEY ("scope")
);

-- CreateTable
CREATE TABLE "LeaveDay" (
    "scope" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    CONSTRAINT "LeaveDay_pkey" PRIMARY KEY ("scope", "date")
);

-- CreateTable
CREATE TABLE "WebhookSubscription" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "kinds" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT,
    CONSTRAINT "WebhookSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "deviationId" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Deviation_kind_at_idx" ON "Deviation"("kind", "at");

-- CreateIndex
CREATE INDEX "Deviation_sopKey_at_idx" ON "Deviation"("sopKey", "at");

-- CreateIndex
CREATE INDEX "Deviation_unitId_at_idx" ON "Deviation"("unitId", "at");

-- CreateIndex
CREATE INDEX "Deviation_by_at_idx" ON "Deviation"("by", "at");

-- CreateIndex
CREATE INDEX "Deviation_caseId_idx" ON "Deviation"("caseId");

-- CreateIndex
CREATE INDEX "RejectedAction_at_idx" ON "RejectedAction"("at");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_deviationId_subscriptionId_key" ON "WebhookDelivery"("deviationId", "subscriptionId");

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "WebhookSubscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;
