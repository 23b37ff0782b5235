-- AlterTable
ALTER TABLE "PushCredential" ADD COLUMN     "expiryWarnedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "PushCredential_expiryWarnedAt_expiresAt_idx" ON "PushCredential"("expiryWarnedAt", "expiresAt");

