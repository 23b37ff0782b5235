-- CreateTable
CREATE TABLE "RecoveryCode" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "subuserId" INTEGER,
    "codeHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    CONSTRAINT "RecoveryCode_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RecoveryCode_subuserId_fkey" FOREIGN KEY ("subuserId") REFERENCES "Subuser" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (columns added in place: rewriting Account and Subuser is not needed)
ALTER TABLE "Account" ADD COLUMN "totpSecret" TEXT;
ALTER TABLE "Account" ADD COLUMN "totpPendingSecret" TEXT;
ALTER TABLE "Account" ADD COLUMN "totpLastStep" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Subuser" ADD COLUMN "totpSecret" TEXT;
ALTER TABLE "Subuser" ADD COLUMN "totpPendingSecret" TEXT;
ALTER TABLE "Subuser" ADD COLUMN "totpLastStep" INTEGER NOT NULL DEFAULT 0;


-- CreateIndex
CREATE INDEX "RecoveryCode_accountId_subuserId_idx" ON "RecoveryCode"("accountId", "subuserId");

-- CreateIndex
CREATE INDEX "RecoveryCode_subuserId_idx" ON "RecoveryCode"("subuserId");

