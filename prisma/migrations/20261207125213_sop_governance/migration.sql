-- AlterTable
ALTER TABLE "SopVersion" ADD COLUMN     "effectiveFrom" TIMESTAMP(3),
ADD COLUMN     "identity" JSONB,
ADD COLUMN     "ownerUnit" TEXT,
ADD COLUMN     "state" TEXT NOT NULL DEFAULT 'berlaku';

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "test" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "SopVersionTransition" (
    "id" TEXT NOT NULL,
    "sopVersionId" TEXT NOT NULL,
    "from" TEXT,
    "to" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "note" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SopVersionTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SopTestCase" (
    "caseId" TEXT NOT NULL,
    "sopVersionId" TEXT NOT NULL,
    "startedBy" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SopTestCase_pkey" PRIMARY KEY ("caseId")
);

-- CreateIndex
CREATE INDEX "SopVersionTransition_sopVersionId_idx" ON "SopVersionTransition"("sopVersionId");

-- CreateIndex
CREATE INDEX "SopTestCase_sopVersionId_idx" ON "SopTestCase"("sopVersionId");

-- AddForeignKey
ALTER TABLE "SopVersionTransition" ADD CONSTRAINT "SopVersionTransition_sopVersionId_fkey" FOREIGN KEY ("sopVersionId") REFERENCES "SopVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Versions deployed before the lifecycle were in force from their deploy (ALUR_SOP_APPROVAL=off, as before).
UPDATE "SopVersion" SET "effectiveFrom" = "createdAt" WHERE "state" = 'berlaku' AND "effectiveFrom" IS NULL;
