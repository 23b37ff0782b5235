-- CreateTable
CREATE TABLE "Payment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "cardBrand" TEXT NOT NULL,
    "cardLast4" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "declineReason" TEXT NOT NULL DEFAULT '',
    "ledgerEntryId" INTEGER,
    "receiptNumber" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Payment_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccountVerification" (
    "accountId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "status" TEXT NOT NULL DEFAULT 'not_started',
    "subjectType" TEXT NOT NULL DEFAULT 'individual',
    "legalName" TEXT NOT NULL DEFAULT '',
    "countryCode" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL DEFAULT '',
    "registrationNumber" TEXT NOT NULL DEFAULT '',
    "rejectionReason" TEXT NOT NULL DEFAULT '',
    "submittedAt" DATETIME,
    "reviewedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AccountVerification_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VerificationDocument" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    "uploadedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "VerificationDocument_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PhoneNumber" (
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
    "blockedReason" TEXT,
    "blockedAt" DATETIME,
    "releaseAt" DATETIME,
    "incomingSmsCallbackUrl" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PhoneNumber_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PhoneNumber_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PstnBlacklistEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "phone" TEXT NOT NULL,
    "isPrefix" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PstnBlacklistEntry_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CallerId" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "codeHash" TEXT,
    "codeExpiresAt" DATETIME,
    "codeAttemptsLeft" INTEGER NOT NULL DEFAULT 0,
    "verificationCallsLeft" INTEGER NOT NULL DEFAULT 5,
    "verifiedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CallerId_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SmsMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "phoneNumberId" INTEGER,
    "batchId" INTEGER,
    "source" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "encoding" TEXT NOT NULL,
    "segments" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL,
    "finalAt" DATETIME NOT NULL,
    "outcome" TEXT NOT NULL,
    "errorMessage" TEXT NOT NULL DEFAULT '',
    "costMinor" INTEGER NOT NULL DEFAULT 0,
    "ledgerEntryId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SmsMessage_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SmsMessage_phoneNumberId_fkey" FOREIGN KEY ("phoneNumberId") REFERENCES "PhoneNumber" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SmsMessage_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "SmsBatch" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SmsBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "sender" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SmsBatch_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Account" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "credVersion" INTEGER NOT NULL DEFAULT 1,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "parentId" INTEGER,
    "childRole" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "creditLimitMinor" INTEGER NOT NULL DEFAULT 0,
    "lowBalanceThresholdMinor" INTEGER NOT NULL DEFAULT 0,
    "lowBalanceAlertedAt" DATETIME,
    "ledgerVersion" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Account_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Account" ("active", "childRole", "createdAt", "credVersion", "email", "id", "name", "parentId", "passwordHash") SELECT "active", "childRole", "createdAt", "credVersion", "email", "id", "name", "parentId", "passwordHash" FROM "Account";
DROP TABLE "Account";
ALTER TABLE "new_Account" RENAME TO "Account";
CREATE UNIQUE INDEX "Account_name_key" ON "Account"("name");
CREATE UNIQUE INDEX "Account_email_key" ON "Account"("email");
CREATE INDEX "Account_parentId_idx" ON "Account"("parentId");
CREATE TABLE "new_LedgerEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "memo" TEXT NOT NULL DEFAULT '',
    "appUserId" INTEGER,
    "referenceType" TEXT NOT NULL DEFAULT '',
    "referenceId" TEXT NOT NULL DEFAULT '',
    "idempotencyKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LedgerEntry_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_LedgerEntry" ("accountId", "amountMinor", "appUserId", "createdAt", "id", "kind", "memo") SELECT "accountId", "amountMinor", "appUserId", "createdAt", "id", "kind", "memo" FROM "LedgerEntry";
DROP TABLE "LedgerEntry";
ALTER TABLE "new_LedgerEntry" RENAME TO "LedgerEntry";
CREATE INDEX "LedgerEntry_accountId_createdAt_idx" ON "LedgerEntry"("accountId", "createdAt");
CREATE INDEX "LedgerEntry_accountId_kind_createdAt_idx" ON "LedgerEntry"("accountId", "kind", "createdAt");
CREATE INDEX "LedgerEntry_appUserId_idx" ON "LedgerEntry"("appUserId");
CREATE UNIQUE INDEX "LedgerEntry_accountId_idempotencyKey_key" ON "LedgerEntry"("accountId", "idempotencyKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Payment_ledgerEntryId_key" ON "Payment"("ledgerEntryId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_receiptNumber_key" ON "Payment"("receiptNumber");

-- CreateIndex
CREATE INDEX "Payment_accountId_createdAt_idx" ON "Payment"("accountId", "createdAt");

-- CreateIndex
CREATE INDEX "VerificationDocument_accountId_idx" ON "VerificationDocument"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "PhoneNumber_number_key" ON "PhoneNumber"("number");

-- CreateIndex
CREATE INDEX "PhoneNumber_status_countryCode_regionId_number_idx" ON "PhoneNumber"("status", "countryCode", "regionId", "number");

-- CreateIndex
CREATE INDEX "PhoneNumber_accountId_status_number_idx" ON "PhoneNumber"("accountId", "status", "number");

-- CreateIndex
CREATE INDEX "PhoneNumber_accountId_countryCode_idx" ON "PhoneNumber"("accountId", "countryCode");

-- CreateIndex
CREATE INDEX "PhoneNumber_accountId_applicationId_idx" ON "PhoneNumber"("accountId", "applicationId");

-- CreateIndex
CREATE INDEX "PhoneNumber_status_nextRenewalAt_idx" ON "PhoneNumber"("status", "nextRenewalAt");

-- CreateIndex
CREATE INDEX "PhoneNumber_status_releaseAt_idx" ON "PhoneNumber"("status", "releaseAt");

-- CreateIndex
CREATE INDEX "PhoneNumber_status_reservedUntil_idx" ON "PhoneNumber"("status", "reservedUntil");

-- CreateIndex
CREATE UNIQUE INDEX "PstnBlacklistEntry_accountId_phone_key" ON "PstnBlacklistEntry"("accountId", "phone");

-- CreateIndex
CREATE UNIQUE INDEX "CallerId_accountId_number_key" ON "CallerId"("accountId", "number");

-- CreateIndex
CREATE INDEX "SmsMessage_accountId_kind_createdAt_idx" ON "SmsMessage"("accountId", "kind", "createdAt");

-- CreateIndex
CREATE INDEX "SmsMessage_accountId_kind_destination_idx" ON "SmsMessage"("accountId", "kind", "destination");

-- CreateIndex
CREATE INDEX "SmsMessage_accountId_kind_source_idx" ON "SmsMessage"("accountId", "kind", "source");

-- CreateIndex
CREATE INDEX "SmsMessage_batchId_idx" ON "SmsMessage"("batchId");

-- CreateIndex
CREATE INDEX "SmsBatch_accountId_createdAt_idx" ON "SmsBatch"("accountId", "createdAt");

