-- CreateTable
CREATE TABLE "CallSessionDay" (
    "accountId" INTEGER NOT NULL,
    "applicationId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "sessions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CallSessionDay_pkey" PRIMARY KEY ("accountId","applicationId","day")
);

-- CreateIndex
CREATE INDEX "CallSessionDay_accountId_day_idx" ON "CallSessionDay"("accountId", "day");

-- AddForeignKey
ALTER TABLE "CallSessionDay" ADD CONSTRAINT "CallSessionDay_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallSessionDay" ADD CONSTRAINT "CallSessionDay_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The day counts are the database's own: one trigger keeps them in the transaction that inserts,
-- deletes or moves a session, whoever writes it. startedAt is TIMESTAMP(3) in UTC.
INSERT INTO "CallSessionDay" ("accountId", "applicationId", "day", "sessions")
SELECT "accountId", "applicationId", to_char("startedAt", 'YYYY-MM-DD'), COUNT(*)
  FROM "CallSession"
 GROUP BY 1, 2, 3;

CREATE FUNCTION "CallSession_day_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "CallSessionDay" SET "sessions" = "sessions" - 1
     WHERE "accountId" = OLD."accountId" AND "applicationId" = OLD."applicationId" AND "day" = to_char(OLD."startedAt", 'YYYY-MM-DD');
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "CallSessionDay" ("accountId", "applicationId", "day", "sessions")
    VALUES (NEW."accountId", NEW."applicationId", to_char(NEW."startedAt", 'YYYY-MM-DD'), 1)
    ON CONFLICT ("accountId", "applicationId", "day") DO UPDATE SET "sessions" = "CallSessionDay"."sessions" + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "CallSession_day_count" AFTER INSERT OR DELETE OR UPDATE OF "accountId", "applicationId", "startedAt" ON "CallSession"
FOR EACH ROW EXECUTE FUNCTION "CallSession_day_count"();
