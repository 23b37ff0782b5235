-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "creditLimitMinor" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "currency" TEXT NOT NULL DEFAULT 'USD',
ADD COLUMN     "ledgerVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lowBalanceAlertedAt" TIMESTAMP(3),
ADD COLUMN     "lowBalanceThresholdMinor" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "LedgerEntry" ADD COLUMN     "idempotencyKey" TEXT,
ADD COLUMN     "referenceId" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "referenceType" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "Payment" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "cardBrand" TEXT NOT NULL,
    "cardLast4" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "declineReason" TEXT NOT NULL DEFAULT '',
    "ledgerEntryId" INTEGER,
    "receiptNumber" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountVerification" (
    "accountId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'not_started',
    "subjectType" TEXT NOT NULL DEFAULT 'individual',
    "legalName" TEXT NOT NULL DEFAULT '',
    "countryCode" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL DEFAULT '',
    "registrationNumber" TEXT NOT NULL DEFAULT '',
    "rejectionReason" TEXT NOT NULL DEFAULT '',
    "submittedAt" TIMESTAMP(3),
    "reviewedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccountVerification_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "VerificationDocument" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VerificationDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PhoneNumber" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "countryCode" TEXT NOT NULL,
    "regionId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "smsSupported" BOOLEAN NOT NULL,
    "setupPriceMinor" INTEGER NOT NULL,
    "monthlyPriceMinor" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'available',
    "accountId" INTEGER,
    "reservedUntil" TIMESTAMP(3),
    "purchasedAt" TIMESTAMP(3),
    "nextRenewalAt" TIMESTAMP(3),
    "autoRenew" BOOLEAN NOT NULL DEFAULT true,
    "smsEnabled" BOOLEAN NOT NULL DEFAULT false,
    "label" TEXT NOT NULL DEFAULT '',
    "applicationId" INTEGER,
    "blockedReason" TEXT,
    "blockedAt" TIMESTAMP(3),
    "releaseAt" TIMESTAMP(3),
    "incomingSmsCallbackUrl" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PhoneNumber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PstnBlacklistEntry" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "phone" TEXT NOT NULL,
    "isPrefix" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PstnBlacklistEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallerId" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "codeHash" TEXT,
    "codeExpiresAt" TIMESTAMP(3),
    "codeAttemptsLeft" INTEGER NOT NULL DEFAULT 0,
    "verificationCallsLeft" INTEGER NOT NULL DEFAULT 5,
    "verifiedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CallerId_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmsMessage" (
    "id" SERIAL NOT NULL,
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
    "sentAt" TIMESTAMP(3) NOT NULL,
    "finalAt" TIMESTAMP(3) NOT NULL,
    "outcome" TEXT NOT NULL,
    "errorMessage" TEXT NOT NULL DEFAULT '',
    "costMinor" INTEGER NOT NULL DEFAULT 0,
    "ledgerEntryId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SmsMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmsBatch" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "sender" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SmsBatch_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "LedgerEntry_accountId_kind_createdAt_idx" ON "LedgerEntry"("accountId", "kind", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_accountId_idempotencyKey_key" ON "LedgerEntry"("accountId", "idempotencyKey");

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountVerification" ADD CONSTRAINT "AccountVerification_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerificationDocument" ADD CONSTRAINT "VerificationDocument_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PhoneNumber" ADD CONSTRAINT "PhoneNumber_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PhoneNumber" ADD CONSTRAINT "PhoneNumber_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PstnBlacklistEntry" ADD CONSTRAINT "PstnBlacklistEntry_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallerId" ADD CONSTRAINT "CallerId_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmsMessage" ADD CONSTRAINT "SmsMessage_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmsMessage" ADD CONSTRAINT "SmsMessage_phoneNumberId_fkey" FOREIGN KEY ("phoneNumberId") REFERENCES "PhoneNumber"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmsMessage" ADD CONSTRAINT "SmsMessage_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "SmsBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmsBatch" ADD CONSTRAINT "SmsBatch_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

