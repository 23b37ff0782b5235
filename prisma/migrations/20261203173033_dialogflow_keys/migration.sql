-- CreateTable
CREATE TABLE "DialogflowKey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "projectId" TEXT NOT NULL,
    "clientEmail" TEXT NOT NULL,
    "privateKeyId" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "credentials" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "DialogflowKey_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DialogflowKeyApplication" (
    "keyId" INTEGER NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "accountId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("keyId", "applicationId"),
    CONSTRAINT "DialogflowKeyApplication_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "DialogflowKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DialogflowKeyApplication_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DialogflowKey_accountId_id_idx" ON "DialogflowKey"("accountId", "id");

-- CreateIndex
CREATE INDEX "DialogflowKeyApplication_applicationId_idx" ON "DialogflowKeyApplication"("applicationId");

