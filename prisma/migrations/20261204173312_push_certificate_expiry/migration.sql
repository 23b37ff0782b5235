-- AlterTable
ALTER TABLE "PushCredential" ADD COLUMN "expiryWarnedAt" DATETIME;

-- CreateIndex
CREATE INDEX "PushCredential_expiryWarnedAt_expiresAt_idx" ON "PushCredential"("expiryWarnedAt", "expiresAt");

