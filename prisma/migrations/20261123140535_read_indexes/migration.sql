-- Tracking codes are looked up by their sha256 (api/src/services/tracked-case.ts).
-- PostgreSQL computes it, so every writer of Case rows (API, worker) fills it.
ALTER TABLE "Case" ADD COLUMN "trackingCodeHash" BYTEA GENERATED ALWAYS AS (sha256("trackingCode"::bytea)) STORED;

-- CreateIndex
CREATE UNIQUE INDEX "Case_trackingCodeHash_key" ON "Case"("trackingCodeHash");

-- The inbox reads only open tasks: partial indexes stay the size of the open
-- workload however many closed cases pile up (Prisma cannot declare them).
-- Unclaimed tasks are found per unit of the reader, claimed ones by claimant.
CREATE INDEX "Task_open_unclaimed_unitId_idx" ON "Task"("unitId", "dueAt", "createdAt", id) WHERE status = 'open' AND "claimedBy" IS NULL;
CREATE INDEX "Task_open_claimedBy_idx" ON "Task"("claimedBy") WHERE status = 'open' AND "claimedBy" IS NOT NULL;
