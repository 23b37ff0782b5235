-- DropIndex
DROP INDEX "CallSession_applicationId_startedAt_id_idx";

-- DropIndex
DROP INDEX "CallSession_applicationId_durationSeconds_id_idx";

-- DropIndex
DROP INDEX "CallSession_applicationId_costMinor_id_idx";

-- CreateIndex
CREATE INDEX "CallSession_applicationId_accountId_startedAt_id_idx" ON "CallSession"("applicationId", "accountId", "startedAt", "id");

-- CreateIndex
CREATE INDEX "CallSession_applicationId_accountId_status_startedAt_idx" ON "CallSession"("applicationId", "accountId", "status", "startedAt");

-- CreateIndex
CREATE INDEX "CallSession_applicationId_accountId_durationSeconds_id_idx" ON "CallSession"("applicationId", "accountId", "durationSeconds", "id");

-- CreateIndex
CREATE INDEX "CallSession_applicationId_accountId_costMinor_id_idx" ON "CallSession"("applicationId", "accountId", "costMinor", "id");

