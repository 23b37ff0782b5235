// everyHeldPage (GetPhoneNumbers' and /numbers' unfiltered page, one raw statement) reads exactly
// the rows, order and values of the Prisma query it replaces, on every adapter: every sort in both
// directions with ties and NULLs on the sort column, offsets past the end, blocked numbers' dates,
// application and rule names; reserved numbers and another account's never read; the total is the
// held-number counter, also past the end.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { createTestAccount } from "@/test/factories";
import { fixtureOwnNumber } from "./api-fixtures";
import { ACCOUNT_NUMBER_SORTS } from "./schemas";
import { ACCOUNT_NUMBER_SELECT, everyHeldPage, heldNumberCount, toAccountNumberDto } from "./queries";

let accountId = 0;
const DAY = 86_400_000;

beforeAll(async () => {
  const acct = await createTestAccount();
  accountId = acct.id;
  const app = await db.application.create({ data: { accountId, name: "desk" } });
  const rule = await db.rule.create({ data: { accountId, applicationId: app.id, name: "inbound", pattern: ".*", position: 1 } });
  const at = Date.UTC(2026, 6, 1);
  for (let i = 0; i < 14; i++) {
    const n = await fixtureOwnNumber(accountId);
    const blocked = i % 5 === 4;
    await db.phoneNumber.update({
      where: { id: n.id },
      data: {
        status: i === 13 ? "reserved" : blocked ? "blocked" : "active",
        // Ties on price and renewal; a renewal left unset on some.
        monthlyPriceMinor: [100, 250, 100][i % 3]!,
        nextRenewalAt: i % 4 === 3 ? null : new Date(at + (i % 3) * DAY),
        purchasedAt: new Date(at - (i % 2) * DAY),
        label: i % 2 ? `line ${i}` : "",
        applicationId: i % 3 === 0 ? app.id : null,
        ruleId: i % 6 === 0 ? rule.id : null,
        ...(blocked ? { blockedReason: "rent_unpaid", blockedAt: new Date(at), releaseAt: new Date(at + 30 * DAY) } : {}),
        ...(i === 13 ? { reservedUntil: new Date(at + DAY) } : {}),
      },
    });
  }
  // Another account's held numbers.
  const other = await createTestAccount();
  await fixtureOwnNumber(other.id);
});

describe("everyHeldPage", () => {
  it.each(ACCOUNT_NUMBER_SORTS)("reads the Prisma query's rows, order and values, sorted by %s", async (sort) => {
    const held = await heldNumberCount(db, accountId);
    expect(held).toBe(13);
    for (const dir of ["asc", "desc"] as const) {
      for (const [skip, take] of [[0, 100], [0, 5], [4, 4], [11, 20], [20, 5]] as const) {
        const want = await db.phoneNumber.findMany({
          where: { accountId, status: { in: ["active", "blocked"] } },
          select: ACCOUNT_NUMBER_SELECT,
          orderBy: sort === "id" ? [{ id: dir }] : [{ [sort]: dir }, sort === "countryCode" ? { number: dir } : { id: dir }],
          skip,
          take,
        });
        const got = await everyHeldPage(accountId, sort, dir, skip, take);
        expect(got, `${dir} skip ${skip} take ${take}`).toEqual({ items: want.map(toAccountNumberDto), total: held });
      }
    }
  });
});
