-- CreateTable
CREATE TABLE "PushCredential" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "provider" TEXT NOT NULL,
    "bundle" TEXT NOT NULL DEFAULT '',
    "isDevMode" BOOLEAN NOT NULL DEFAULT false,
    "certFileName" TEXT,
    "certPassword" TEXT,
    "certificate" TEXT,
    "expiresAt" TIMESTAMP(3),
    "projectId" TEXT,
    "senderId" TEXT,
    "huaweiClientId" TEXT,
    "huaweiApplicationId" TEXT,
    "secret" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PushCredential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PushCredentialApplication" (
    "credentialId" INTEGER NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "accountId" INTEGER NOT NULL,
    "slot" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PushCredentialApplication_pkey" PRIMARY KEY ("credentialId","applicationId")
);

-- CreateIndex
CREATE INDEX "PushCredential_accountId_id_idx" ON "PushCredential"("accountId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PushCredential_accountId_fingerprint_key" ON "PushCredential"("accountId", "fingerprint");

-- CreateIndex
CREATE UNIQUE INDEX "PushCredentialApplication_applicationId_slot_key" ON "PushCredentialApplication"("applicationId", "slot");

-- AddForeignKey
ALTER TABLE "PushCredential" ADD CONSTRAINT "PushCredential_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PushCredentialApplication" ADD CONSTRAINT "PushCredentialApplication_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "PushCredential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PushCredentialApplication" ADD CONSTRAINT "PushCredentialApplication_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

