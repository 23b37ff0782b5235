-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "childRole" TEXT;

