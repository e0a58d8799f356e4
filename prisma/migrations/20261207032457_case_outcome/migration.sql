-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "outcome" TEXT,
ADD COLUMN     "outcomeMessage" TEXT;

