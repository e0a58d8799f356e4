-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "elementName" TEXT NOT NULL,
    "sopKey" TEXT NOT NULL,
    "sopVersionId" TEXT NOT NULL,
    "sopVersion" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "retries" INTEGER NOT NULL,
    "customHeaders" JSONB NOT NULL,
    "variables" JSONB NOT NULL,
    "taskToken" BYTEA NOT NULL,
    "state" TEXT NOT NULL,
    "availableAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "worker" TEXT,
    "deadline" TIMESTAMP(3),
    "activationKey" BIGINT,
    "errorMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobActivation" (
    "key" BIGSERIAL NOT NULL,
    "jobId" TEXT NOT NULL,
    "worker" TEXT NOT NULL,
    "activatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadline" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobActivation_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Job_activationKey_key" ON "Job"("activationKey");

-- CreateIndex
CREATE INDEX "Job_type_state_availableAt_idx" ON "Job"("type", "state", "availableAt");

-- CreateIndex
CREATE UNIQUE INDEX "Job_caseId_stepId_key" ON "Job"("caseId", "stepId");

-- CreateIndex
CREATE INDEX "JobActivation_jobId_idx" ON "JobActivation"("jobId");

-- AddForeignKey
ALTER TABLE "JobActivation" ADD CONSTRAINT "JobActivation_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

