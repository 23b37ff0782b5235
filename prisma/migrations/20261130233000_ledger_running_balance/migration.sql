-- AlterTable
ALTER TABLE "LedgerEntry" ADD COLUMN "balanceAfterMinor" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "LedgerEntry_accountId_id_idx" ON "LedgerEntry"("accountId", "id");

-- CreateIndex
CREATE INDEX "LedgerEntry_accountId_amountMinor_id_idx" ON "LedgerEntry"("accountId", "amountMinor", "id");


-- LedgerEntry.balanceAfterMinor is the running balance, written by the database as each entry
-- is inserted, so every writer (the ledger, fixtures, the demo seed, imports) keeps it exact and
-- no reader sums the ledger (issue 11). Entries are immutable: changing an amount or moving an
-- entry is refused. Not in the datamodel: Prisma neither creates nor drops triggers;
-- lib/domains/billing/running-balance.test.ts fails if they are missing.
UPDATE "LedgerEntry" SET "balanceAfterMinor" = (
    SELECT SUM(e."amountMinor") FROM "LedgerEntry" e WHERE e."accountId" = "LedgerEntry"."accountId" AND e."id" <= "LedgerEntry"."id"
);

CREATE TRIGGER "LedgerEntry_running_balance" AFTER INSERT ON "LedgerEntry"
BEGIN
    UPDATE "LedgerEntry" SET "balanceAfterMinor" = NEW."amountMinor" + COALESCE(
        (SELECT p."balanceAfterMinor" FROM "LedgerEntry" p WHERE p."accountId" = NEW."accountId" AND p."id" < NEW."id" ORDER BY p."id" DESC LIMIT 1), 0)
    WHERE "id" = NEW."id";
END;

CREATE TRIGGER "LedgerEntry_immutable" BEFORE UPDATE OF "accountId", "amountMinor" ON "LedgerEntry"
WHEN OLD."accountId" <> NEW."accountId" OR OLD."amountMinor" <> NEW."amountMinor"
BEGIN
    SELECT RAISE(ABORT, 'ledger entries are immutable: post a correcting entry instead');
END;
