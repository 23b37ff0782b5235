-- CreateIndex
CREATE INDEX "AuditLog_accountId_action_createdAt_id_idx" ON "AuditLog"("accountId", "action", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditLog_accountId_actorName_createdAt_id_idx" ON "AuditLog"("accountId", "actorName", "createdAt", "id");

