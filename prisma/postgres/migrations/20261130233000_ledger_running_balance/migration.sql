-- AlterTable
ALTER TABLE "LedgerEntry" ADD COLUMN     "balanceAfterMinor" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "LedgerEntry_accountId_id_idx" ON "LedgerEntry"("accountId", "id");

-- CreateIndex
CREATE INDEX "LedgerEntry_accountId_amountMinor_id_idx" ON "LedgerEntry"("accountId", "amountMinor", "id");


-- LedgerEntry.balanceAfterMinor is the running balance, written by the database as each entry
-- is inserted, so every writer (the ledger, fixtures, the demo seed, imports) keeps it exact and
-- no reader sums the ledger (issue 11). Entries are immutable: changing an amount or moving an
-- entry is refused. Not in the datamodel: Prisma neither creates nor drops triggers;
-- lib/domains/billing/running-balance.test.ts fails if they are missing. The ledger's writer
-- (lib/domains/billing/ledger.ts) holds the account row's lock while it posts, so entries of one
-- account are inserted one after another and each sees the one before it.
UPDATE "LedgerEntry" SET "balanceAfterMinor" = (
    SELECT SUM(e."amountMinor") FROM "LedgerEntry" e WHERE e."accountId" = "LedgerEntry"."accountId" AND e."id" <= "LedgerEntry"."id"
);

CREATE FUNCTION "LedgerEntry_running_balance"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW."balanceAfterMinor" := NEW."amountMinor" + COALESCE(
        (SELECT p."balanceAfterMinor" FROM "LedgerEntry" p WHERE p."accountId" = NEW."accountId" AND p."id" < NEW."id" ORDER BY p."id" DESC LIMIT 1), 0);
    RETURN NEW;
END;
$$;

CREATE TRIGGER "LedgerEntry_running_balance" BEFORE INSERT ON "LedgerEntry"
    FOR EACH ROW EXECUTE FUNCTION "LedgerEntry_running_balance"();

CREATE FUNCTION "LedgerEntry_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger entries are immutable: post a correcting entry instead';
END;
$$;

CREATE TRIGGER "LedgerEntry_immutable" BEFORE UPDATE OF "accountId", "amountMinor" ON "LedgerEntry"
    FOR EACH ROW WHEN (OLD."accountId" IS DISTINCT FROM NEW."accountId" OR OLD."amountMinor" IS DISTINCT FROM NEW."amountMinor") EXECUTE FUNCTION "LedgerEntry_immutable"();
