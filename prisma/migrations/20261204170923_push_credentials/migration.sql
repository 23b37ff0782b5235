-- CreateTable
CREATE TABLE "PushCredential" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "provider" TEXT NOT NULL,
    "bundle" TEXT NOT NULL DEFAULT '',
    "isDevMode" BOOLEAN NOT NULL DEFAULT false,
    "certFileName" TEXT,
    "certPassword" TEXT,
    "certificate" TEXT,
    "expiresAt" DATETIME,
    "projectId" TEXT,
    "senderId" TEXT,
    "huaweiClientId" TEXT,
    "huaweiApplicationId" TEXT,
    "secret" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PushCredential_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PushCredentialApplication" (
    "credentialId" INTEGER NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "accountId" INTEGER NOT NULL,
    "slot" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("credentialId", "applicationId"),
    CONSTRAINT "PushCredentialApplication_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "PushCredential" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PushCredentialApplication_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PushCredential_accountId_id_idx" ON "PushCredential"("accountId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PushCredential_accountId_fingerprint_key" ON "PushCredential"("accountId", "fingerprint");

-- CreateIndex
CREATE UNIQUE INDEX "PushCredentialApplication_applicationId_slot_key" ON "PushCredentialApplication"("applicationId", "slot");

