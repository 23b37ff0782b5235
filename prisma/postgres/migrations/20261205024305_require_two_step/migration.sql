-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "requireTwoStep" BOOLEAN NOT NULL DEFAULT false;

