-- CreateTable
CREATE TABLE "CallList" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "ruleId" INTEGER NOT NULL,
    "ruleName" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "maxSimultaneous" INTEGER NOT NULL,
    "numAttempts" INTEGER NOT NULL,
    "intervalSeconds" INTEGER NOT NULL,
    "startAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "header" TEXT NOT NULL,
    "destinationColumn" TEXT NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "costMinor" INTEGER NOT NULL DEFAULT 0,
    "createdByName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "completedAt" DATETIME,
    "nextRunAt" DATETIME,
    CONSTRAINT "CallList_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CallList_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CallListRow" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "listId" INTEGER NOT NULL,
    "accountId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "line" INTEGER NOT NULL,
    "destination" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "lastSessionId" INTEGER,
    "result" TEXT NOT NULL DEFAULT '',
    "reason" TEXT NOT NULL DEFAULT '',
    "costMinor" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CallListRow_listId_fkey" FOREIGN KEY ("listId") REFERENCES "CallList" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CallList_accountId_applicationId_id_idx" ON "CallList"("accountId", "applicationId", "id");

-- CreateIndex
CREATE INDEX "CallList_status_nextRunAt_idx" ON "CallList"("status", "nextRunAt");

-- CreateIndex
CREATE INDEX "CallListRow_listId_status_nextAttemptAt_idx" ON "CallListRow"("listId", "status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "CallListRow_listId_position_key" ON "CallListRow"("listId", "position");

-- CreateIndex
CREATE INDEX "CallListRow_status_updatedAt_idx" ON "CallListRow"("status", "updatedAt");
