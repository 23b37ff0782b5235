-- CreateTable
CREATE TABLE "SqQueue" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "priority" INTEGER NOT NULL DEFAULT 1,
    "callAgentSelection" TEXT NOT NULL,
    "imAgentSelection" TEXT NOT NULL,
    "callTaskSelection" TEXT NOT NULL,
    "imTaskSelection" TEXT NOT NULL,
    "holdCallsIfInactiveAgents" BOOLEAN NOT NULL DEFAULT false,
    "holdImIfInactiveAgents" BOOLEAN NOT NULL DEFAULT false,
    "callMaxWaitingSeconds" INTEGER,
    "imMaxWaitingSeconds" INTEGER,
    "callMaxQueueSize" INTEGER,
    "imMaxQueueSize" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SqQueue_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SqQueue_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SqSkill" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SqSkill_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SqSkill_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SqQueueAgent" (
    "queueId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "accountId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("queueId", "userId"),
    CONSTRAINT "SqQueueAgent_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "SqQueue" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SqQueueAgent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "AppUser" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SqAgentSkill" (
    "userId" INTEGER NOT NULL,
    "skillId" INTEGER NOT NULL,
    "accountId" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,

    PRIMARY KEY ("userId", "skillId"),
    CONSTRAINT "SqAgentSkill_userId_fkey" FOREIGN KEY ("userId") REFERENCES "AppUser" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SqAgentSkill_skillId_fkey" FOREIGN KEY ("skillId") REFERENCES "SqSkill" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SqAgentSettings" (
    "userId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "handleCalls" BOOLEAN NOT NULL DEFAULT true,
    "maxSimultaneousConversations" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SqAgentSettings_userId_fkey" FOREIGN KEY ("userId") REFERENCES "AppUser" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SqQueue_accountId_idx" ON "SqQueue"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "SqQueue_applicationId_nameKey_key" ON "SqQueue"("applicationId", "nameKey");

-- CreateIndex
CREATE INDEX "SqSkill_accountId_idx" ON "SqSkill"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "SqSkill_applicationId_nameKey_key" ON "SqSkill"("applicationId", "nameKey");

-- CreateIndex
CREATE INDEX "SqQueueAgent_userId_idx" ON "SqQueueAgent"("userId");

-- CreateIndex
CREATE INDEX "SqAgentSkill_skillId_idx" ON "SqAgentSkill"("skillId");

