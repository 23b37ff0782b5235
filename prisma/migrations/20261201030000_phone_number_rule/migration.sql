-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PhoneNumber" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "countryCode" TEXT NOT NULL,
    "regionId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "smsSupported" BOOLEAN NOT NULL,
    "setupPriceMinor" INTEGER NOT NULL,
    "monthlyPriceMinor" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'available',
    "accountId" INTEGER,
    "reservedUntil" DATETIME,
    "purchasedAt" DATETIME,
    "nextRenewalAt" DATETIME,
    "autoRenew" BOOLEAN NOT NULL DEFAULT true,
    "smsEnabled" BOOLEAN NOT NULL DEFAULT false,
    "label" TEXT NOT NULL DEFAULT '',
    "applicationId" INTEGER,
    "ruleId" INTEGER,
    "blockedReason" TEXT,
    "blockedAt" DATETIME,
    "releaseAt" DATETIME,
    "incomingSmsCallbackUrl" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PhoneNumber_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PhoneNumber_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PhoneNumber_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "Rule" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_PhoneNumber" ("accountId", "applicationId", "autoRenew", "blockedAt", "blockedReason", "category", "countryCode", "id", "incomingSmsCallbackUrl", "label", "monthlyPriceMinor", "nextRenewalAt", "number", "purchasedAt", "regionId", "releaseAt", "reservedUntil", "setupPriceMinor", "smsEnabled", "smsSupported", "status", "updatedAt") SELECT "accountId", "applicationId", "autoRenew", "blockedAt", "blockedReason", "category", "countryCode", "id", "incomingSmsCallbackUrl", "label", "monthlyPriceMinor", "nextRenewalAt", "number", "purchasedAt", "regionId", "releaseAt", "reservedUntil", "setupPriceMinor", "smsEnabled", "smsSupported", "status", "updatedAt" FROM "PhoneNumber";
DROP TABLE "PhoneNumber";
ALTER TABLE "new_PhoneNumber" RENAME TO "PhoneNumber";
CREATE UNIQUE INDEX "PhoneNumber_number_key" ON "PhoneNumber"("number");
CREATE INDEX "PhoneNumber_status_countryCode_regionId_number_idx" ON "PhoneNumber"("status", "countryCode", "regionId", "number");
CREATE INDEX "PhoneNumber_accountId_status_number_idx" ON "PhoneNumber"("accountId", "status", "number");
CREATE INDEX "PhoneNumber_accountId_countryCode_idx" ON "PhoneNumber"("accountId", "countryCode");
CREATE INDEX "PhoneNumber_accountId_applicationId_idx" ON "PhoneNumber"("accountId", "applicationId");
CREATE INDEX "PhoneNumber_ruleId_idx" ON "PhoneNumber"("ruleId");
CREATE INDEX "PhoneNumber_status_nextRenewalAt_idx" ON "PhoneNumber"("status", "nextRenewalAt");
CREATE INDEX "PhoneNumber_status_releaseAt_idx" ON "PhoneNumber"("status", "releaseAt");
CREATE INDEX "PhoneNumber_status_reservedUntil_idx" ON "PhoneNumber"("status", "reservedUntil");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


