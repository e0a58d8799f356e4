-- AlterTable
ALTER TABLE "CaseDocument" ADD COLUMN     "field" TEXT;
