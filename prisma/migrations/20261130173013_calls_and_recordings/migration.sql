-- CreateTable
CREATE TABLE "CallSession" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "startedAt" DATETIME NOT NULL,
    "plannedEndAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "durationSeconds" INTEGER NOT NULL DEFAULT 0,
    "costMinor" INTEGER NOT NULL DEFAULT 0,
    "customData" TEXT NOT NULL DEFAULT '',
    "run" TEXT NOT NULL DEFAULT '{}',
    "claimedBy" TEXT,
    "claimedUntil" DATETIME,
    CONSTRAINT "CallSession_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CallSession_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CallLeg" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sessionId" INTEGER NOT NULL,
    "accountId" INTEGER NOT NULL,
    "localNumber" TEXT NOT NULL,
    "remoteNumber" TEXT NOT NULL,
    "remoteNumberType" TEXT NOT NULL,
    "incoming" BOOLEAN NOT NULL,
    "successful" BOOLEAN NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "durationSeconds" INTEGER NOT NULL,
    "pricePerMinuteMinor" INTEGER NOT NULL,
    "costMinor" INTEGER NOT NULL,
    "endReason" TEXT NOT NULL DEFAULT '',
    "chargedAppUserId" INTEGER,
    "ledgerEntryId" INTEGER,
    CONSTRAINT "CallLeg_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CallSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CallLogLine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sessionId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "source" TEXT NOT NULL,
    "line" TEXT NOT NULL,
    CONSTRAINT "CallLogLine_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CallSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Recording" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "sessionId" INTEGER NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "durationSeconds" INTEGER NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "mimeType" TEXT NOT NULL DEFAULT 'audio/wav',
    "source" TEXT NOT NULL,
    "audio" BLOB,
    "costMinor" INTEGER NOT NULL DEFAULT 0,
    "deletedAt" DATETIME,
    CONSTRAINT "Recording_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CallSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HistoryReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "applicationId" INTEGER,
    "historyType" TEXT NOT NULL,
    "filter" TEXT NOT NULL,
    "maxSessionId" INTEGER NOT NULL,
    "rows" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "HistoryReport_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

