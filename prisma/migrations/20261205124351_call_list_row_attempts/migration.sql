-- AlterTable
ALTER TABLE "CallListRow" ADD COLUMN "attemptsAllowed" INTEGER;

