-- CreateTable
CREATE TABLE "CallSession" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "ruleId" INTEGER,
    "ruleName" TEXT NOT NULL DEFAULT '',
    "initiator" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "fromNumber" TEXT NOT NULL,
    "toNumber" TEXT NOT NULL,
    "appUserId" INTEGER,
    "status" TEXT NOT NULL,
    "finishReason" TEXT NOT NULL DEFAULT '',
    "startedAt" TIMESTAMP(3) NOT NULL,
    "plannedEndAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "durationSeconds" INTEGER NOT NULL DEFAULT 0,
    "costMinor" INTEGER NOT NULL DEFAULT 0,
    "customData" TEXT NOT NULL DEFAULT '',
    "run" TEXT NOT NULL DEFAULT '{}',
    "claimedBy" TEXT,
    "claimedUntil" TIMESTAMP(3),

    CONSTRAINT "CallSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallLeg" (
    "id" SERIAL NOT NULL,
    "sessionId" INTEGER NOT NULL,
    "accountId" INTEGER NOT NULL,
    "localNumber" TEXT NOT NULL,
    "remoteNumber" TEXT NOT NULL,
    "remoteNumberType" TEXT NOT NULL,
    "incoming" BOOLEAN NOT NULL,
    "successful" BOOLEAN NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "durationSeconds" INTEGER NOT NULL,
    "pricePerMinuteMinor" INTEGER NOT NULL,
    "costMinor" INTEGER NOT NULL,
    "endReason" TEXT NOT NULL DEFAULT '',
    "chargedAppUserId" INTEGER,
    "ledgerEntryId" INTEGER,

    CONSTRAINT "CallLeg_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallLogLine" (
    "id" SERIAL NOT NULL,
    "sessionId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,
    "line" TEXT NOT NULL,

    CONSTRAINT "CallLogLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Recording" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "sessionId" INTEGER NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "durationSeconds" INTEGER NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "mimeType" TEXT NOT NULL DEFAULT 'audio/wav',
    "source" TEXT NOT NULL,
    "audio" BYTEA,
    "costMinor" INTEGER NOT NULL DEFAULT 0,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Recording_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HistoryReport" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "applicationId" INTEGER,
    "historyType" TEXT NOT NULL,
    "filter" TEXT NOT NULL,
    "maxSessionId" INTEGER NOT NULL,
    "rows" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HistoryReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CallSession_accountId_startedAt_id_idx" ON "CallSession"("accountId", "startedAt", "id");

-- CreateIndex
CREATE INDEX "CallSession_applicationId_startedAt_id_idx" ON "CallSession"("applicationId", "startedAt", "id");

-- CreateIndex
CREATE INDEX "CallSession_accountId_status_startedAt_idx" ON "CallSession"("accountId", "status", "startedAt");

-- CreateIndex
CREATE INDEX "CallSession_accountId_direction_startedAt_idx" ON "CallSession"("accountId", "direction", "startedAt");

-- CreateIndex
CREATE INDEX "CallSession_accountId_fromNumber_startedAt_idx" ON "CallSession"("accountId", "fromNumber", "startedAt");

-- CreateIndex
CREATE INDEX "CallSession_accountId_toNumber_startedAt_idx" ON "CallSession"("accountId", "toNumber", "startedAt");

-- CreateIndex
CREATE INDEX "CallSession_accountId_appUserId_startedAt_idx" ON "CallSession"("accountId", "appUserId", "startedAt");

-- CreateIndex
CREATE INDEX "CallSession_accountId_ruleName_startedAt_idx" ON "CallSession"("accountId", "ruleName", "startedAt");

-- CreateIndex
CREATE INDEX "CallSession_accountId_durationSeconds_id_idx" ON "CallSession"("accountId", "durationSeconds", "id");

-- CreateIndex
CREATE INDEX "CallSession_applicationId_durationSeconds_id_idx" ON "CallSession"("applicationId", "durationSeconds", "id");

-- CreateIndex
CREATE INDEX "CallSession_accountId_costMinor_id_idx" ON "CallSession"("accountId", "costMinor", "id");

-- CreateIndex
CREATE INDEX "CallSession_applicationId_costMinor_id_idx" ON "CallSession"("applicationId", "costMinor", "id");

-- CreateIndex
CREATE INDEX "CallSession_status_plannedEndAt_idx" ON "CallSession"("status", "plannedEndAt");

-- CreateIndex
CREATE INDEX "CallLeg_sessionId_idx" ON "CallLeg"("sessionId");

-- CreateIndex
CREATE INDEX "CallLogLine_sessionId_at_idx" ON "CallLogLine"("sessionId", "at");

-- CreateIndex
CREATE INDEX "Recording_sessionId_idx" ON "Recording"("sessionId");

-- CreateIndex
CREATE INDEX "Recording_accountId_idx" ON "Recording"("accountId");

-- CreateIndex
CREATE INDEX "HistoryReport_accountId_createdAt_idx" ON "HistoryReport"("accountId", "createdAt");

-- AddForeignKey
ALTER TABLE "CallSession" ADD CONSTRAINT "CallSession_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallSession" ADD CONSTRAINT "CallSession_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallLeg" ADD CONSTRAINT "CallLeg_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CallSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallLogLine" ADD CONSTRAINT "CallLogLine_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CallSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recording" ADD CONSTRAINT "Recording_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CallSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HistoryReport" ADD CONSTRAINT "HistoryReport_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

