-- CreateIndex
CREATE INDEX "PhoneNumber_accountId_purchasedAt_id_idx" ON "PhoneNumber"("accountId", "purchasedAt", "id");

-- CreateIndex
CREATE INDEX "PhoneNumber_accountId_id_idx" ON "PhoneNumber"("accountId", "id");

