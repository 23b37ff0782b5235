-- CreateTable
CREATE TABLE "DialogflowKey" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "projectId" TEXT NOT NULL,
    "clientEmail" TEXT NOT NULL,
    "privateKeyId" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "credentials" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DialogflowKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DialogflowKeyApplication" (
    "keyId" INTEGER NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "accountId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DialogflowKeyApplication_pkey" PRIMARY KEY ("keyId","applicationId")
);

-- CreateIndex
CREATE INDEX "DialogflowKey_accountId_id_idx" ON "DialogflowKey"("accountId", "id");

-- CreateIndex
CREATE INDEX "DialogflowKeyApplication_applicationId_idx" ON "DialogflowKeyApplication"("applicationId");

-- AddForeignKey
ALTER TABLE "DialogflowKey" ADD CONSTRAINT "DialogflowKey_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DialogflowKeyApplication" ADD CONSTRAINT "DialogflowKeyApplication_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "DialogflowKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DialogflowKeyApplication" ADD CONSTRAINT "DialogflowKeyApplication_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

