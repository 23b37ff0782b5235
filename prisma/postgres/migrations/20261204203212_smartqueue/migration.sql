-- CreateTable
CREATE TABLE "SqQueue" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SqQueue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SqSkill" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SqSkill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SqQueueAgent" (
    "queueId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "accountId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SqQueueAgent_pkey" PRIMARY KEY ("queueId","userId")
);

-- CreateTable
CREATE TABLE "SqAgentSkill" (
    "userId" INTEGER NOT NULL,
    "skillId" INTEGER NOT NULL,
    "accountId" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,

    CONSTRAINT "SqAgentSkill_pkey" PRIMARY KEY ("userId","skillId")
);

-- CreateTable
CREATE TABLE "SqAgentSettings" (
    "userId" INTEGER NOT NULL,
    "accountId" INTEGER NOT NULL,
    "handleCalls" BOOLEAN NOT NULL DEFAULT true,
    "maxSimultaneousConversations" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SqAgentSettings_pkey" PRIMARY KEY ("userId")
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

-- AddForeignKey
ALTER TABLE "SqQueue" ADD CONSTRAINT "SqQueue_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SqQueue" ADD CONSTRAINT "SqQueue_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SqSkill" ADD CONSTRAINT "SqSkill_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SqSkill" ADD CONSTRAINT "SqSkill_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SqQueueAgent" ADD CONSTRAINT "SqQueueAgent_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "SqQueue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SqQueueAgent" ADD CONSTRAINT "SqQueueAgent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "AppUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SqAgentSkill" ADD CONSTRAINT "SqAgentSkill_userId_fkey" FOREIGN KEY ("userId") REFERENCES "AppUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SqAgentSkill" ADD CONSTRAINT "SqAgentSkill_skillId_fkey" FOREIGN KEY ("skillId") REFERENCES "SqSkill"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SqAgentSettings" ADD CONSTRAINT "SqAgentSettings_userId_fkey" FOREIGN KEY ("userId") REFERENCES "AppUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

