-- CreateTable
CREATE TABLE "Scenario" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "applicationId" INTEGER,
    "name" TEXT NOT NULL,
    "script" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Scenario_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Scenario_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScenarioVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "scenarioId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "script" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ScenarioVersion_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Rule" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "patternExclude" TEXT NOT NULL DEFAULT '',
    "videoConference" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Rule_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Rule_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RuleScenario" (
    "ruleId" INTEGER NOT NULL,
    "scenarioId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("ruleId", "scenarioId"),
    CONSTRAINT "RuleScenario_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "Rule" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RuleScenario_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Scenario_applicationId_idx" ON "Scenario"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "Scenario_accountId_name_key" ON "Scenario"("accountId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ScenarioVersion_scenarioId_number_key" ON "ScenarioVersion"("scenarioId", "number");

-- CreateIndex
CREATE INDEX "Rule_applicationId_position_idx" ON "Rule"("applicationId", "position");

-- CreateIndex
CREATE INDEX "Rule_accountId_idx" ON "Rule"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "Rule_applicationId_name_key" ON "Rule"("applicationId", "name");

-- CreateIndex
CREATE INDEX "RuleScenario_scenarioId_idx" ON "RuleScenario"("scenarioId");

