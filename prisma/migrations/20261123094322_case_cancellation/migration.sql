-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "cancelledBy" TEXT;

