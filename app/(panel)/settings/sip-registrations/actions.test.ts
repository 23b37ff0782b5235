import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, changeRowCount, createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";
import { fixtureTopUp } from "@/lib/domains/phone-numbers/api-fixtures";
import { fixtureSipRegistration, sipUser } from "@/lib/domains/sip-registrations/api-fixtures";

// All SIP registrations' server actions (section `sip_registrations`), called as each of the 12
// principals: allowed ones write their change and its audit row; refused ones write nothing but
// their Denied row. getActor is the seam.
const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { createSipRegistrationAction, deleteSipRegistrationAction, restoreSipRegistrationAction, updateSipRegistrationAction } = await import("./actions");

async function snapshot(accountId: number) {
  const [registrations, ledger, changes] = await Promise.all([
    db.sipRegistration.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.ledgerEntry.count({ where: { accountId } }),
    changeRowCount(accountId),
  ]);
  return { registrations, ledger, changes };
}

describe("All SIP registrations server actions", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
    await fixtureTopUp(acct.id, 1000_00);
  });
  beforeEach(() => {
    session.actor = null;
  });

  const calls = [
    { name: "createSipRegistrationAction", run: () => createSipRegistrationAction({ sipUsername: sipUser(), proxy: "pbx.example.com", password: "p" }) },
    { name: "updateSipRegistrationAction", run: (id: number) => updateSipRegistrationAction({ sipRegistrationId: id, authUser: "auth1" }) },
    { name: "restoreSipRegistrationAction", run: (id: number) => restoreSipRegistrationAction({ sipRegistrationId: id }) },
    { name: "deleteSipRegistrationAction", run: (id: number) => deleteSipRegistrationAction({ sipRegistrationId: id }) },
  ] as const;

  for (const c of calls) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, "sip_registrations");
      it(`${c.name} as ${role}: ${allowed ? "ok" : "refused, nothing written"}`, async () => {
        session.actor = asPanel(await acct.actor(role));
        const target = await fixtureSipRegistration(acct.id, { deactivated: true });
        const before = await snapshot(acct.id);
        const r = await c.run(target.id);
        if (allowed) {
          expect(r).toMatchObject({ ok: true });
          expect((await snapshot(acct.id)).changes).toBe(before.changes + 1);
        } else {
          expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
          expect(await snapshot(acct.id)).toEqual(before);
        }
      });
    }
  }

  it("bad input is a field error naming it; nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const before = await snapshot(acct.id);
    expect(await createSipRegistrationAction({ sipUsername: "1001", proxy: "pbx example" })).toEqual({
      ok: false,
      fieldErrors: { proxy: "The proxy must be a host name or IPv4 address with an optional port, e.g. pbx.example.com or 192.0.2.10:5060" },
    });
    expect(await createSipRegistrationAction({ sipUsername: "", proxy: "pbx.example.com" })).toEqual({ ok: false, fieldErrors: { sipUsername: "Enter the SIP user name" } });
    const taken = await fixtureSipRegistration(acct.id, { sipUsername: "2001" });
    expect(await createSipRegistrationAction({ sipUsername: "2001", proxy: "pbx.example.com", password: "p" })).toEqual({ ok: false, fieldErrors: { sipUsername: "The account already registers 2001@pbx.example.com" } });
    expect(await updateSipRegistrationAction({ sipRegistrationId: taken.id, outboundProxy: "sbc..example.com" })).toMatchObject({ ok: false, fieldErrors: { outboundProxy: expect.stringContaining("outbound proxy") } });
    const after = await snapshot(acct.id);
    expect(after.changes).toBe(before.changes);
    expect(after.ledger).toBe(before.ledger);
    expect(after.registrations).toHaveLength(before.registrations.length + 1); // the fixture's alone
  });

  it("create answers whether it registered; another account's registration reads as missing", async () => {
    session.actor = asPanel(await acct.actor("Accountant"));
    expect(await createSipRegistrationAction({ sipUsername: sipUser(), proxy: "pbx.down.invalid", password: "p" })).toMatchObject({
      ok: true,
      data: { successful: false, errorMessage: "Request Timeout: no answer from pbx.down.invalid" },
    });
    const theirs = await fixtureSipRegistration((await createTestAccount()).id);
    expect(await deleteSipRegistrationAction({ sipRegistrationId: theirs.id })).toMatchObject({ ok: false });
    expect(await db.sipRegistration.count({ where: { id: theirs.id } })).toBe(1);
  });
});
