-- AlterTable
ALTER TABLE "CallSession" ADD COLUMN "callListId" INTEGER;

