-- CreateIndex
CREATE UNIQUE INDEX "DialogflowKey_accountId_privateKeyId_key" ON "DialogflowKey"("accountId", "privateKeyId");

