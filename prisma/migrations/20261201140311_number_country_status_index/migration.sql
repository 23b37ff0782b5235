-- DropIndex
DROP INDEX "PhoneNumber_accountId_countryCode_number_idx";

-- CreateIndex
CREATE INDEX "PhoneNumber_accountId_countryCode_number_status_idx" ON "PhoneNumber"("accountId", "countryCode", "number", "status");

