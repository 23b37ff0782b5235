-- AlterTable
ALTER TABLE "PhoneNumber" ADD COLUMN     "ruleId" INTEGER;

-- CreateIndex
CREATE INDEX "PhoneNumber_ruleId_idx" ON "PhoneNumber"("ruleId");

-- AddForeignKey
ALTER TABLE "PhoneNumber" ADD CONSTRAINT "PhoneNumber_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "Rule"("id") ON DELETE SET NULL ON UPDATE CASCADE;
