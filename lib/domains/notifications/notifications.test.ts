// Request access (issue 8, item 4): a refused subuser asks the account owner for a section. The
// request reaches the owner alone, as a notification and an audit row written together.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { ASSIGNABLE_ROLES, OWNER_ROLE, can } from "@/lib/access/matrix";
import { assignableGranters } from "@/lib/access/access-requests";
import type { Actor } from "@/lib/access/actor-types";
import { createTestAccount, type TestAccount } from "@/test/factories";
import { addSubuserRoles } from "@/lib/domains/subusers/mutations";
import { markNotificationsRead, requestAccess } from "./mutations";
import { listNotifications, unreadNotifications } from "./queries";

async function counts(accountId: number) {
  const [notifications, audits] = await Promise.all([db.notification.count({ where: { accountId } }), db.auditLog.count({ where: { accountId } })]);
  return { notifications, audits };
}

describe("access requests", () => {
  let acct: TestAccount;
  let owner: Actor;
  beforeAll(async () => {
    acct = await createTestAccount();
    owner = await acct.actor(OWNER_ROLE);
  });

  for (const role of ASSIGNABLE_ROLES) {
    it(`a ${role} subuser's request reaches the owner alone, with its audit row; asking again writes nothing`, async () => {
      const a = await createTestAccount();
      const sub = await a.actor(role);
      const wanted = (["billing", "logs", "numbers.reserved", "subusers"] as const).find((s) => !can(sub, s))!;
      const before = await counts(a.id);
      const r = await requestAccess(sub, { section: wanted });
      expect(r).toEqual({ created: true, roles: assignableGranters(wanted) });
      expect(await counts(a.id)).toEqual({ notifications: before.notifications + 1, audits: before.audits + 1 });
      const row = await db.auditLog.findFirstOrThrow({ where: { accountId: a.id, action: "access.request" } });
      expect(row).toMatchObject({ actorType: "subuser", actorName: sub.name, targetType: "section", targetId: wanted });

      const mine = await listNotifications(await a.actor(OWNER_ROLE));
      expect(mine).toEqual([expect.objectContaining({ kind: "access_request", section: wanted, subuser: sub.name, roles: assignableGranters(wanted), read: false })]);
      expect(await unreadNotifications(await a.actor(OWNER_ROLE))).toBe(1);
      // Another subuser holding the Notifications section does not read the owner's mail.
      const other = await a.actor(role === "Admin" ? "Support" : "Admin");
      expect(await listNotifications(other)).toEqual([]);
      expect(await unreadNotifications(other)).toBe(0);

      expect(await requestAccess(sub, { section: wanted })).toEqual({ created: false, roles: assignableGranters(wanted) });
      expect(await counts(a.id)).toEqual({ notifications: before.notifications + 1, audits: before.audits + 1 });
    });
  }

  it("refuses the account owner, a section already held, an owner-only one and keys, writing nothing", async () => {
    const sub = await acct.actor("Developer");
    const before = await counts(acct.id);
    await expect(requestAccess(owner, { section: "numbers.reserved" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(requestAccess(sub, { section: "logs" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "section" });
    await expect(requestAccess(sub, { section: "onboarding" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(requestAccess(sub, { section: "no.such" as never })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(requestAccess({ ...sub, kind: "key", keyId: "k" }, { section: "billing" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A previewing owner is not a subuser: the preview refuses actions before this, but the rule holds on its own too.
    await expect(requestAccess({ ...owner, preview: { roles: ["Payer"] } }, { section: "logs" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await counts(acct.id)).toEqual(before);
  });

  it("stays inside the account, and reading marks only what the reader sees", async () => {
    const a = await createTestAccount();
    const b = await createTestAccount();
    await requestAccess(await a.actor("Payer"), { section: "logs" });
    expect(await listNotifications(await b.actor(OWNER_ROLE))).toEqual([]);
    // A subuser marking its (empty) list read leaves the owner's request unread.
    expect(await markNotificationsRead(await a.actor("Admin"))).toEqual({ read: 0 });
    expect(await unreadNotifications(await a.actor(OWNER_ROLE))).toBe(1);
    expect(await markNotificationsRead(await a.actor(OWNER_ROLE))).toEqual({ read: 1 });
    expect(await unreadNotifications(await a.actor(OWNER_ROLE))).toBe(0);
    // Once read, asking again is a new request.
    expect((await requestAccess(await a.actor("Payer"), { section: "logs" })).created).toBe(true);
  });

  it("a roles change that opens a requested section answers that request: read; one still closed stays unread", async () => {
    const a = await createTestAccount();
    const owner = await a.actor(OWNER_ROLE);
    const payer = await a.actor("Payer");
    const [opened, closed] = (["logs", "subusers"] as const).filter((s) => !can(payer, s));
    expect([opened, closed].every(Boolean)).toBe(true);
    await requestAccess(payer, { section: opened! });
    await requestAccess(payer, { section: closed! });
    const granter = assignableGranters(opened!).find((r) => !assignableGranters(closed!).includes(r))!;
    await addSubuserRoles(owner, { subuserId: payer.subuserId!, roles: [granter] });
    const rows = await db.notification.findMany({ where: { accountId: a.id }, select: { sectionId: true, readAt: true } });
    expect(rows.map((r) => [r.sectionId, r.readAt !== null]).sort()).toEqual([
      [opened, true],
      [closed, false],
    ].sort());
    expect(await unreadNotifications(owner)).toBe(1);
    // Another subuser's roles change answers nothing of this one's.
    const other = await a.actor("Admin");
    await addSubuserRoles(owner, { subuserId: other.subuserId!, roles: assignableGranters(closed!) });
    expect(await unreadNotifications(owner)).toBe(1);
  });

  it("the Notifications section is checked: keys cannot read the list", async () => {
    await expect(listNotifications({ ...owner, kind: "key", keyId: "k", roles: ["Owner"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
