-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "userCount" INTEGER NOT NULL DEFAULT 0;


-- Application.userCount is kept by the database, so every writer (the app, fixtures, imports,
-- a cascade) keeps it exact and no reader counts AppUser rows (issue 11). Not in the datamodel:
-- Prisma neither creates nor drops triggers; test/app-user-count.test.ts fails if they are missing.
UPDATE "Application" SET "userCount" = (SELECT COUNT(*) FROM "AppUser" WHERE "AppUser"."applicationId" = "Application"."id");

CREATE FUNCTION "AppUser_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE "Application" SET "userCount" = "userCount" - 1 WHERE "id" = OLD."applicationId";
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE "Application" SET "userCount" = "userCount" + 1 WHERE "id" = NEW."applicationId";
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "AppUser_count_insert_delete" AFTER INSERT OR DELETE ON "AppUser"
    FOR EACH ROW EXECUTE FUNCTION "AppUser_count"();

CREATE TRIGGER "AppUser_count_move" AFTER UPDATE OF "applicationId" ON "AppUser"
    FOR EACH ROW WHEN (OLD."applicationId" IS DISTINCT FROM NEW."applicationId") EXECUTE FUNCTION "AppUser_count"();
