-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "parentCaseId" TEXT,
ADD COLUMN     "parentElementId" TEXT;

-- CreateIndex
CREATE INDEX "Case_parentCaseId_idx" ON "Case"("parentCaseId");

