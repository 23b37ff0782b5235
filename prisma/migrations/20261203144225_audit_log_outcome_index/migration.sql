-- CreateIndex
CREATE INDEX "AuditLog_accountId_outcome_createdAt_id_idx" ON "AuditLog"("accountId", "outcome", "createdAt", "id");

