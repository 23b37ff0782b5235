// Application.userCount is kept by database triggers (migration app_user_count), not by the app:
// lists, GetUsers' total and the dashboard read it instead of counting users (issue 11). A
// migration that rebuilds AppUser without recreating the triggers, or a database made without the
// migrations, would let the totals drift silently: this runs on every adapter's suite and compares
// the counter with a real count after every kind of write.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { createTestAccount, TEST_PASSWORD, TEST_PASSWORD_HASH, uniq } from "@/test/factories";
import { OWNER_ROLE } from "@/lib/access/matrix";
import { createApplication, deleteApplication } from "@/lib/domains/applications/mutations";
import { createAppUser, deleteAppUser, deleteAppUsers } from "@/lib/domains/app-users/mutations";
import { countAppUsers, listAppUsers } from "@/lib/domains/app-users/queries";
import { accountUserCount, listApplications } from "@/lib/domains/applications/queries";

async function counterAndCount(applicationId: number) {
  const app = await db.application.findUnique({ where: { id: applicationId }, select: { userCount: true } });
  return { counter: app?.userCount, count: await db.appUser.count({ where: { applicationId } }) };
}

describe("Application.userCount", () => {
  it("follows inserts and deletes by the domain, by raw client writes and by moves, and the readers use it", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor(OWNER_ROLE);
    const a = await createApplication(owner, { name: uniq("cnt") });
    const b = await createApplication(owner, { name: uniq("cnt") });
    expect(await counterAndCount(a.id)).toEqual({ counter: 0, count: 0 });

    // The domain's writes.
    const u1 = await createAppUser(owner, { applicationId: a.id, name: "user1", displayName: "U 1", password: TEST_PASSWORD });
    await createAppUser(owner, { applicationId: a.id, name: "user2", displayName: "U 2", password: TEST_PASSWORD });
    expect(await counterAndCount(a.id)).toEqual({ counter: 2, count: 2 });

    // Writes that bypass the domain (fixtures, imports, a bulk insert).
    await db.appUser.createMany({
      data: ["raw1", "raw2", "raw3"].map((name) => ({ accountId: acct.id, applicationId: a.id, name, displayName: name, passwordHash: TEST_PASSWORD_HASH })),
    });
    await db.appUser.create({ data: { accountId: acct.id, applicationId: b.id, name: "b1", displayName: "b1", passwordHash: TEST_PASSWORD_HASH } });
    expect(await counterAndCount(a.id)).toEqual({ counter: 5, count: 5 });
    expect(await counterAndCount(b.id)).toEqual({ counter: 1, count: 1 });

    // A move between applications.
    const r3 = await db.appUser.findFirstOrThrow({ where: { applicationId: a.id, name: "raw3" } });
    await db.appUser.update({ where: { id: r3.id }, data: { applicationId: b.id } });
    expect(await counterAndCount(a.id)).toEqual({ counter: 4, count: 4 });
    expect(await counterAndCount(b.id)).toEqual({ counter: 2, count: 2 });

    // An update that does not move the user changes nothing.
    await db.appUser.update({ where: { id: u1.id }, data: { displayName: "Renamed" } });
    expect(await counterAndCount(a.id)).toEqual({ counter: 4, count: 4 });

    // The readers.
    expect((await listAppUsers(owner, { applicationId: a.id })).total).toBe(4);
    expect((await listAppUsers(owner, { applicationId: a.id, q: "raw" })).total).toBe(2);
    expect(await countAppUsers(owner, a.id)).toBe(4);
    expect(await accountUserCount(acct.id)).toBe(6);
    expect(Object.fromEntries((await listApplications(owner)).items.map((x) => [x.id, x.userCount]))).toEqual({ [a.id]: 4, [b.id]: 2 });

    // Deletes: one, several, everything by a raw deleteMany.
    await deleteAppUser(owner, { applicationId: a.id, userId: u1.id });
    expect(await counterAndCount(a.id)).toEqual({ counter: 3, count: 3 });
    await deleteAppUsers(owner, { applicationId: a.id, names: ["raw1", "raw2"] });
    expect(await counterAndCount(a.id)).toEqual({ counter: 1, count: 1 });
    await db.appUser.deleteMany({ where: { applicationId: a.id } });
    expect(await counterAndCount(a.id)).toEqual({ counter: 0, count: 0 });

    // The application's deletion takes its users; the other application's counter is untouched.
    await deleteApplication(owner, { applicationId: b.id });
    expect(await db.application.count({ where: { id: b.id } })).toBe(0);
    expect(await accountUserCount(acct.id)).toBe(0);
  });

  it("stays exact when users are created in parallel", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor(OWNER_ROLE);
    const app = await createApplication(owner, { name: uniq("par") });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => createAppUser(owner, { applicationId: app.id, name: `par${i}`, displayName: `P ${i}`, password: TEST_PASSWORD })),
    );
    expect(await counterAndCount(app.id)).toEqual({ counter: 12, count: 12 });
  });
});
