import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, TEST_PASSWORD_HASH, uniq, type TestAccount, changeRowCount } from "@/test/factories";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { createAppUserAction, deleteAppUserAction, setAppUserActiveAction, transferToAppUserAction, updateAppUserAction } = await import("./actions");


const snapshot = async (accountId: number) => ({
  users: await db.appUser.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
  audits: await changeRowCount(accountId),
  ledger: await db.ledgerEntry.count({ where: { accountId } }),
});

describe("application user server actions", () => {
  let acct: TestAccount;
  let appId: number;
  beforeAll(async () => {
    acct = await createTestAccount();
    appId = (await db.application.create({ data: { accountId: acct.id, name: "users-app" } })).id;
  });
  beforeEach(() => {
    session.actor = null;
  });

  const calls = [
    { name: "createAppUserAction", run: () => createAppUserAction({ applicationId: appId, name: uniq("n"), password: "Str0ng-Pass!x", displayName: "New" }) },
    { name: "updateAppUserAction", run: (id: number) => updateAppUserAction({ applicationId: appId, userId: id, displayName: "Changed", password: "" }) },
    { name: "setAppUserActiveAction", run: (id: number) => setAppUserActiveAction({ applicationId: appId, userId: id, active: false }) },
    { name: "deleteAppUserAction", run: (id: number) => deleteAppUserAction({ applicationId: appId, userId: id }) },
  ] as const;

  for (const c of calls) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, "application.users");
      it(`${c.name} as ${role}: ${allowed ? "ok" : "refused, nothing written"}`, async () => {
        session.actor = asPanel(await acct.actor(role));
        const user = await db.appUser.create({ data: { accountId: acct.id, applicationId: appId, name: uniq("u"), displayName: "U", passwordHash: TEST_PASSWORD_HASH } });
        const before = await snapshot(acct.id);
        const r = await c.run(user.id);
        if (allowed) {
          expect(r).toMatchObject({ ok: true });
          expect((await snapshot(acct.id)).audits).toBe(before.audits + 1);
        } else {
          expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
          expect(await snapshot(acct.id)).toEqual(before);
        }
      });
    }
  }

  it("the editor's field errors come back per field, nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const before = await snapshot(acct.id);
    const r = await createAppUserAction({ applicationId: appId, name: "x", password: "short", displayName: "" });
    expect(r).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String), password: expect.any(String), displayName: "Display name is required" } });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("a duplicate username is a field error on the username", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    await db.appUser.create({ data: { accountId: acct.id, applicationId: appId, name: "taken", displayName: "T", passwordHash: TEST_PASSWORD_HASH } });
    const r = await createAppUserAction({ applicationId: appId, name: "taken", password: "Str0ng-Pass!x", displayName: "Again" });
    expect(r).toEqual({ ok: false, fieldErrors: { name: expect.stringContaining("already exists") } });
  });
});

describe("Top up balance / Move balance back: the users page and Billing", () => {
  let acct: TestAccount;
  let appId: number;
  beforeAll(async () => {
    acct = await createTestAccount();
    appId = (await db.application.create({ data: { accountId: acct.id, name: "wallets" } })).id;
    await db.ledgerEntry.create({ data: { accountId: acct.id, amountMinor: 1_000_00, kind: "topup", memo: "test funds" } });
  });
  const separateUser = () =>
    db.appUser.create({ data: { accountId: acct.id, applicationId: appId, name: uniq("u"), displayName: "U", passwordHash: TEST_PASSWORD_HASH, parentAccounting: false } });

  for (const role of PRINCIPALS) {
    const users = can({ roles: [role] }, "application.users");
    const allowed = users && can({ roles: [role] }, "billing");
    it(`as ${role}: ${allowed ? "moved, audited" : "refused, nothing written"}`, async () => {
      session.actor = asPanel(await acct.actor(role));
      const user = await separateUser();
      const before = await snapshot(acct.id);
      const r = await transferToAppUserAction({ applicationId: appId, userId: user.id, direction: "to_user", amount: "2.50" });
      if (allowed) {
        expect(r).toEqual({ ok: true, data: expect.objectContaining({ id: user.id, direction: "to_user", amountMinor: 2_50, balanceMinor: 2_50, currency: "USD" }) });
        expect((await snapshot(acct.id)).audits).toBe(before.audits + 1);
      } else {
        // Without the users page the action refuses first; with it but without Billing, the domain does.
        expect(r).toEqual({ ok: false, formError: users ? expect.stringContaining("Billing") : expect.stringMatching(/^Only .* can use/) });
        expect(await snapshot(acct.id)).toEqual(before);
      }
    });
  }

  it("the amount is typed in major units; its errors come back on the amount field, nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const user = await separateUser();
    const before = await snapshot(acct.id);
    for (const amount of ["", "abc", "0", "1.234"]) {
      expect(await transferToAppUserAction({ applicationId: appId, userId: user.id, direction: "to_user", amount }), amount).toEqual({ ok: false, fieldErrors: { amount: expect.any(String) } });
    }
    // The domain's refusals name amountMinor; the form's field is amount.
    expect(await transferToAppUserAction({ applicationId: appId, userId: user.id, direction: "to_account", amount: "1" })).toEqual({
      ok: false,
      fieldErrors: { amount: expect.stringContaining("at most that can move back") },
    });
    expect(await snapshot(acct.id)).toEqual(before);
  });
});
