-- AlterTable
ALTER TABLE "Notification" DROP COLUMN "body",
DROP COLUMN "title",
ADD COLUMN     "audience" TEXT NOT NULL DEFAULT 'owner',
ADD COLUMN     "detail" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "sectionId" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "subuserId" INTEGER;

-- CreateIndex
CREATE INDEX "Notification_accountId_subuserId_sectionId_idx" ON "Notification"("accountId", "subuserId", "sectionId");

