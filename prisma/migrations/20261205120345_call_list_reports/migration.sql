-- AlterTable
ALTER TABLE "CallSession" ADD COLUMN "reportData" TEXT;
ALTER TABLE "CallSession" ADD COLUMN "reportKind" TEXT;

-- AlterTable
ALTER TABLE "CallListRow" ADD COLUMN "report" TEXT;

