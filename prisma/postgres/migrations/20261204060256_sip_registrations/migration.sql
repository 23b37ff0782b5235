-- CreateTable
CREATE TABLE "SipRegistration" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "sipUsername" TEXT NOT NULL,
    "proxy" TEXT NOT NULL,
    "authUser" TEXT NOT NULL DEFAULT '',
    "outboundProxy" TEXT NOT NULL DEFAULT '',
    "password" TEXT NOT NULL DEFAULT '',
    "isPersistent" BOOLEAN NOT NULL DEFAULT true,
    "applicationId" INTEGER,
    "ruleId" INTEGER,
    "appUserId" INTEGER,
    "successful" BOOLEAN NOT NULL DEFAULT false,
    "statusCode" INTEGER,
    "errorMessage" TEXT NOT NULL DEFAULT '',
    "lastUpdatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deactivated" BOOLEAN NOT NULL DEFAULT false,
    "monthlyPriceMinor" INTEGER NOT NULL,
    "purchasedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "nextRenewalAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SipRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SipRegistration_appUserId_key" ON "SipRegistration"("appUserId");

-- CreateIndex
CREATE INDEX "SipRegistration_accountId_id_idx" ON "SipRegistration"("accountId", "id");

-- CreateIndex
CREATE INDEX "SipRegistration_applicationId_id_idx" ON "SipRegistration"("applicationId", "id");

-- CreateIndex
CREATE INDEX "SipRegistration_nextRenewalAt_idx" ON "SipRegistration"("nextRenewalAt");

-- CreateIndex
CREATE UNIQUE INDEX "SipRegistration_accountId_proxy_sipUsername_key" ON "SipRegistration"("accountId", "proxy", "sipUsername");

-- AddForeignKey
ALTER TABLE "SipRegistration" ADD CONSTRAINT "SipRegistration_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SipRegistration" ADD CONSTRAINT "SipRegistration_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SipRegistration" ADD CONSTRAINT "SipRegistration_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "Rule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SipRegistration" ADD CONSTRAINT "SipRegistration_appUserId_fkey" FOREIGN KEY ("appUserId") REFERENCES "AppUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

