-- AlterTable (a column added in place: rewriting Account is not needed)
ALTER TABLE "Account" ADD COLUMN "requireTwoStep" BOOLEAN NOT NULL DEFAULT false;
