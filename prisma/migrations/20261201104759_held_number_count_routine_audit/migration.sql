-- DropIndex
DROP INDEX "PhoneNumber_accountId_countryCode_idx";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Account" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "credVersion" INTEGER NOT NULL DEFAULT 1,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "parentId" INTEGER,
    "childRole" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "creditLimitMinor" INTEGER NOT NULL DEFAULT 0,
    "lowBalanceThresholdMinor" INTEGER NOT NULL DEFAULT 0,
    "lowBalanceAlertedAt" DATETIME,
    "ledgerVersion" INTEGER NOT NULL DEFAULT 0,
    "numberCount" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Account_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Account" ("active", "childRole", "createdAt", "credVersion", "creditLimitMinor", "currency", "email", "id", "ledgerVersion", "lowBalanceAlertedAt", "lowBalanceThresholdMinor", "name", "parentId", "passwordHash") SELECT "active", "childRole", "createdAt", "credVersion", "creditLimitMinor", "currency", "email", "id", "ledgerVersion", "lowBalanceAlertedAt", "lowBalanceThresholdMinor", "name", "parentId", "passwordHash" FROM "Account";
DROP TABLE "Account";
ALTER TABLE "new_Account" RENAME TO "Account";
CREATE UNIQUE INDEX "Account_name_key" ON "Account"("name");
CREATE UNIQUE INDEX "Account_email_key" ON "Account"("email");
CREATE INDEX "Account_parentId_idx" ON "Account"("parentId");
CREATE TABLE "new_AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" INTEGER NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL DEFAULT '',
    "targetId" TEXT NOT NULL DEFAULT '',
    "detail" TEXT NOT NULL DEFAULT '{}',
    "outcome" TEXT NOT NULL DEFAULT 'ok',
    "ip" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "routine" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "AuditLog_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_AuditLog" ("accountId", "action", "actorId", "actorName", "actorType", "createdAt", "detail", "id", "ip", "outcome", "targetId", "targetType") SELECT "accountId", "action", "actorId", "actorName", "actorType", "createdAt", "detail", "id", "ip", "outcome", "targetId", "targetType" FROM "AuditLog";
DROP TABLE "AuditLog";
ALTER TABLE "new_AuditLog" RENAME TO "AuditLog";
CREATE INDEX "AuditLog_accountId_createdAt_idx" ON "AuditLog"("accountId", "createdAt");
CREATE INDEX "AuditLog_accountId_routine_createdAt_idx" ON "AuditLog"("accountId", "routine", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PhoneNumber_accountId_countryCode_number_idx" ON "PhoneNumber"("accountId", "countryCode", "number");

-- CreateIndex
CREATE INDEX "PhoneNumber_accountId_monthlyPriceMinor_id_idx" ON "PhoneNumber"("accountId", "monthlyPriceMinor", "id");

-- CreateIndex
CREATE INDEX "PhoneNumber_accountId_nextRenewalAt_id_idx" ON "PhoneNumber"("accountId", "nextRenewalAt", "id");

-- CreateIndex
CREATE INDEX "AppUser_applicationId_id_idx" ON "AppUser"("applicationId", "id");


-- Account.numberCount is kept by the database, so every writer (the app, fixtures, the bench's
-- seed, a cascade) keeps it exact and no reader counts PhoneNumber rows (issue 11). Not in the
-- datamodel: Prisma neither creates nor drops triggers. A migration that later rebuilds
-- PhoneNumber (SQLite's RedefineTables drops a table's triggers with it) must create them again:
-- test/held-number-count.test.ts fails if they are missing. Held means status active or blocked.
UPDATE "Account" SET "numberCount" = (SELECT COUNT(*) FROM "PhoneNumber" WHERE "PhoneNumber"."accountId" = "Account"."id" AND "PhoneNumber"."status" IN ('active', 'blocked'));

CREATE TRIGGER "PhoneNumber_held_count_insert" AFTER INSERT ON "PhoneNumber"
WHEN NEW."accountId" IS NOT NULL AND NEW."status" IN ('active', 'blocked')
BEGIN
    UPDATE "Account" SET "numberCount" = "numberCount" + 1 WHERE "id" = NEW."accountId";
END;

CREATE TRIGGER "PhoneNumber_held_count_delete" AFTER DELETE ON "PhoneNumber"
WHEN OLD."accountId" IS NOT NULL AND OLD."status" IN ('active', 'blocked')
BEGIN
    UPDATE "Account" SET "numberCount" = "numberCount" - 1 WHERE "id" = OLD."accountId";
END;

CREATE TRIGGER "PhoneNumber_held_count_update" AFTER UPDATE OF "accountId", "status" ON "PhoneNumber"
BEGIN
    UPDATE "Account" SET "numberCount" = "numberCount" - 1 WHERE "id" = OLD."accountId" AND OLD."status" IN ('active', 'blocked');
    UPDATE "Account" SET "numberCount" = "numberCount" + 1 WHERE "id" = NEW."accountId" AND NEW."status" IN ('active', 'blocked');
END;

-- AuditLog.routine for the rows written before it existed (audit() sets it from now on).
UPDATE "AuditLog" SET "routine" = 1 WHERE "action" IN ('session.login', 'session.revoke', 'session.revoke_others', 'api.call', 'api.auth_failed', 'api.rate_limited', 'notifications.read');
