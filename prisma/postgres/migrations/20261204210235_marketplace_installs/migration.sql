-- CreateTable
CREATE TABLE "MarketplaceInstall" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "templateId" TEXT NOT NULL,
    "scenarioId" INTEGER NOT NULL,
    "ruleId" INTEGER,
    "installedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MarketplaceInstall_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MarketplaceInstall_scenarioId_key" ON "MarketplaceInstall"("scenarioId");

-- CreateIndex
CREATE INDEX "MarketplaceInstall_accountId_createdAt_idx" ON "MarketplaceInstall"("accountId", "createdAt");

-- CreateIndex
CREATE INDEX "MarketplaceInstall_ruleId_idx" ON "MarketplaceInstall"("ruleId");

-- AddForeignKey
ALTER TABLE "MarketplaceInstall" ADD CONSTRAINT "MarketplaceInstall_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MarketplaceInstall" ADD CONSTRAINT "MarketplaceInstall_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MarketplaceInstall" ADD CONSTRAINT "MarketplaceInstall_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "Rule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

