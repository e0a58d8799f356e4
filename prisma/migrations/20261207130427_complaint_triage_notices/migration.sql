-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN     "duplicateOfCaseId" TEXT,
ADD COLUMN     "firstResponseAt" TIMESTAMP(3),
ADD COLUMN     "rating" INTEGER,
ADD COLUMN     "reopenedAt" TIMESTAMP(3),
ADD COLUMN     "triage" TEXT NOT NULL DEFAULT 'baru',
ADD COLUMN     "triageReason" TEXT,
ADD COLUMN     "triagedAt" TIMESTAMP(3),
ADD COLUMN     "triagedBy" TEXT,
ADD COLUMN     "verdict" TEXT,
ADD COLUMN     "verdictAt" TIMESTAMP(3),
ADD COLUMN     "verdictComment" TEXT;

-- CreateTable
CREATE TABLE "ComplaintNotification" (
    "id" TEXT NOT NULL,
    "complaintId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "details" JSONB,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ComplaintNotification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationTemplate" (
    "event" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT NOT NULL,

    CONSTRAINT "NotificationTemplate_pkey" PRIMARY KEY ("event")
);

-- CreateIndex
CREATE INDEX "ComplaintNotification_status_nextAttemptAt_idx" ON "ComplaintNotification"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "ComplaintNotification_complaintId_event_key" ON "ComplaintNotification"("complaintId", "event");

-- CreateIndex
CREATE INDEX "Complaint_triage_idx" ON "Complaint"("triage");

-- CreateIndex
CREATE INDEX "Complaint_duplicateOfCaseId_idx" ON "Complaint"("duplicateOfCaseId");

