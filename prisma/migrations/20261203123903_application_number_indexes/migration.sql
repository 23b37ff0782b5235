-- DropIndex
DROP INDEX "PhoneNumber_accountId_applicationId_idx";

-- CreateIndex
CREATE INDEX "PhoneNumber_accountId_applicationId_status_number_idx" ON "PhoneNumber"("accountId", "applicationId", "status", "number");

-- CreateIndex
CREATE INDEX "PhoneNumber_accountId_applicationId_nextRenewalAt_id_idx" ON "PhoneNumber"("accountId", "applicationId", "nextRenewalAt", "id");

