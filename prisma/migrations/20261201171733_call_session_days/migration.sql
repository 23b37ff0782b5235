-- CreateTable
CREATE TABLE "CallSessionDay" (
    "accountId" INTEGER NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "sessions" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("accountId", "applicationId", "day"),
    CONSTRAINT "CallSessionDay_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CallSessionDay_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CallSessionDay_accountId_day_idx" ON "CallSessionDay"("accountId", "day");


-- The day counts are the database's own: triggers keep them in the transaction that inserts,
-- deletes or moves a session, whoever writes it (the app, the seed, bench/data.mjs). startedAt is
-- ISO 8601 text (Prisma's SQLite format) or, written raw, Unix milliseconds; strftime gives its UTC day.
INSERT INTO "CallSessionDay" ("accountId", "applicationId", "day", "sessions")
SELECT "accountId", "applicationId",
       CASE WHEN typeof("startedAt") IN ('integer', 'real') THEN strftime('%Y-%m-%d', "startedAt" / 1000, 'unixepoch') ELSE strftime('%Y-%m-%d', "startedAt") END AS "day",
       COUNT(*)
  FROM "CallSession"
 GROUP BY 1, 2, 3;

CREATE TRIGGER "CallSession_day_insert" AFTER INSERT ON "CallSession"
BEGIN
  INSERT INTO "CallSessionDay" ("accountId", "applicationId", "day", "sessions")
  VALUES (NEW."accountId", NEW."applicationId",
          CASE WHEN typeof(NEW."startedAt") IN ('integer', 'real') THEN strftime('%Y-%m-%d', NEW."startedAt" / 1000, 'unixepoch') ELSE strftime('%Y-%m-%d', NEW."startedAt") END,
          1)
  ON CONFLICT ("accountId", "applicationId", "day") DO UPDATE SET "sessions" = "sessions" + 1;
END;

CREATE TRIGGER "CallSession_day_delete" AFTER DELETE ON "CallSession"
BEGIN
  UPDATE "CallSessionDay" SET "sessions" = "sessions" - 1
   WHERE "accountId" = OLD."accountId" AND "applicationId" = OLD."applicationId"
     AND "day" = CASE WHEN typeof(OLD."startedAt") IN ('integer', 'real') THEN strftime('%Y-%m-%d', OLD."startedAt" / 1000, 'unixepoch') ELSE strftime('%Y-%m-%d', OLD."startedAt") END;
END;

CREATE TRIGGER "CallSession_day_move" AFTER UPDATE OF "accountId", "applicationId", "startedAt" ON "CallSession"
BEGIN
  UPDATE "CallSessionDay" SET "sessions" = "sessions" - 1
   WHERE "accountId" = OLD."accountId" AND "applicationId" = OLD."applicationId"
     AND "day" = CASE WHEN typeof(OLD."startedAt") IN ('integer', 'real') THEN strftime('%Y-%m-%d', OLD."startedAt" / 1000, 'unixepoch') ELSE strftime('%Y-%m-%d', OLD."startedAt") END;
  INSERT INTO "CallSessionDay" ("accountId", "applicationId", "day", "sessions")
  VALUES (NEW."accountId", NEW."applicationId",
          CASE WHEN typeof(NEW."startedAt") IN ('integer', 'real') THEN strftime('%Y-%m-%d', NEW."startedAt" / 1000, 'unixepoch') ELSE strftime('%Y-%m-%d', NEW."startedAt") END,
          1)
  ON CONFLICT ("accountId", "applicationId", "day") DO UPDATE SET "sessions" = "sessions" + 1;
END;
