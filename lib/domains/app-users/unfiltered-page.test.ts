// unfilteredPage (GetUsers' and the users page's unfiltered page, one raw statement) reads exactly
// the rows, order and values of the Prisma query it replaces, on every adapter: every sort in both
// directions, ties on the sort column (broken by id), offsets past the end, custom data asked for
// or not, booleans and dates mapped; another application's users never read.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { createTestAccount } from "@/test/factories";
import { APP_USER_SORTS } from "./schemas";
import { APP_USER_LIST_SELECT, APP_USER_SELECT, unfilteredPage } from "./queries";

let applicationId = 0;
let otherApplicationId = 0;

beforeAll(async () => {
  const acct = await createTestAccount();
  const [app, other] = await Promise.all(["ones", "others"].map((name) => db.application.create({ data: { accountId: acct.id, name } })));
  applicationId = app!.id;
  otherApplicationId = other!.id;
  const at = Date.UTC(2026, 5, 1);
  await db.appUser.createMany({
    data: Array.from({ length: 25 }, (_, i) => ({
      accountId: acct.id,
      applicationId,
      name: `user${String((i * 7) % 25).padStart(2, "0")}`,
      // Display names repeat (ties on the sort column), and differ in case.
      displayName: ["Ann", "bob", "Ann", "Cid", "ann"][i % 5]!,
      passwordHash: "x",
      active: i % 3 !== 0,
      parentAccounting: i % 4 !== 0,
      balanceMinor: i % 4 === 0 ? i * 100 : 0,
      customData: i % 2 ? `data ${i}` : "",
      // Creation times repeat in threes.
      createdAt: new Date(at + Math.floor(i / 3) * 1000),
      updatedAt: new Date(at + i * 1500),
    })),
  });
  await db.appUser.create({ data: { accountId: acct.id, applicationId: otherApplicationId, name: "stranger", displayName: "Ann", passwordHash: "x" } });
});

describe("unfilteredPage", () => {
  it.each(APP_USER_SORTS)("reads the Prisma query's rows, order and values, sorted by %s", async (sort) => {
    for (const dir of ["asc", "desc"] as const) {
      for (const withCustomData of [false, true]) {
        for (const [skip, take] of [[0, 100], [0, 7], [6, 5], [23, 20], [30, 5]] as const) {
          const want = await db.appUser.findMany({
            where: { applicationId },
            select: withCustomData ? APP_USER_SELECT : APP_USER_LIST_SELECT,
            orderBy: sort === "id" ? [{ id: dir }] : [{ [sort]: dir }, { id: dir }],
            skip,
            take,
          });
          expect(await unfilteredPage(applicationId, sort, dir, skip, take, withCustomData), `${dir} custom ${withCustomData} skip ${skip} take ${take}`).toEqual(want);
        }
      }
    }
  });

  it("reads only the application's own users", async () => {
    const rows = await unfilteredPage(otherApplicationId, "name", "asc", 0, 100, false);
    expect(rows.map((r) => r.name)).toEqual(["stranger"]);
    expect(await unfilteredPage(applicationId, "name", "asc", 0, 100, false)).toHaveLength(25);
  });
});
