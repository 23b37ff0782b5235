import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can, type SectionId } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { createTestAccount, PRINCIPALS, uniq, type TestAccount } from "@/test/factories";
import { fixtureOwnNumber } from "@/lib/domains/phone-numbers/api-fixtures";
import { asPanel, numbersSnapshot } from "@/lib/domains/phone-numbers/panel-fixtures";

// /numbers' server actions are public POST endpoints: whoever posts them, the wrapper checks the
// session and the row's section (the bulk ones numbers.all_actions), the domain the row's own
// section again, and a refusal writes nothing. getActor is the seam.
const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { attachNumberAction, bulkAttachNumbersAction, bulkDeactivateNumbersAction, bulkSetSmsAction, deactivateNumberAction } = await import("./actions");

describe("/numbers server actions", () => {
  let acct: TestAccount;
  let appId: number;
  beforeAll(async () => {
    acct = await createTestAccount();
    appId = (await db.application.create({ data: { accountId: acct.id, name: "numbers-app" } })).id;
  });
  beforeEach(() => {
    session.actor = null;
  });

  const own = async () => (await fixtureOwnNumber(acct.id)).id;
  const calls: { name: string; sections: SectionId[]; writes: number; run: (ids: number[]) => Promise<unknown> }[] = [
    { name: "attachNumberAction", sections: ["numbers.attach"], writes: 1, run: ([id]) => attachNumberAction({ numberId: id!, applicationId: appId }) },
    { name: "deactivateNumberAction", sections: ["numbers.deactivate"], writes: 1, run: ([id]) => deactivateNumberAction({ numberId: id! }) },
    { name: "bulkAttachNumbersAction", sections: ["numbers.all_actions", "numbers.attach"], writes: 2, run: (ids) => bulkAttachNumbersAction({ numberIds: ids, applicationId: appId }) },
    { name: "bulkDeactivateNumbersAction", sections: ["numbers.all_actions", "numbers.deactivate"], writes: 2, run: (ids) => bulkDeactivateNumbersAction({ numberIds: ids }) },
    { name: "bulkSetSmsAction", sections: ["numbers.all_actions", "numbers.parameters"], writes: 2, run: (ids) => bulkSetSmsAction({ numberIds: ids, smsEnabled: false }) },
  ];

  for (const c of calls) {
    for (const role of PRINCIPALS) {
      const allowed = c.sections.every((s) => can({ roles: [role] }, s));
      it(`${c.name} as ${role}: ${allowed ? "ok, audited" : "refused, nothing written"}`, async () => {
        session.actor = asPanel(await acct.actor(role));
        const ids = [await own(), await own()];
        const before = await numbersSnapshot(acct.id);
        const r = await c.run(ids);
        if (allowed) {
          expect(r).toMatchObject({ ok: true });
          expect((await numbersSnapshot(acct.id)).audits).toBe(before.audits + c.writes);
        } else {
          expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
          expect(await numbersSnapshot(acct.id)).toEqual(before);
        }
      });
    }
  }

  it("without a session every action is refused and nothing is written", async () => {
    const ids = [await own(), await own()];
    const before = await numbersSnapshot(acct.id);
    for (const c of calls) expect(await c.run(ids), c.name).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await numbersSnapshot(acct.id)).toEqual(before);
  });

  it("bad input comes back as field errors naming the field, nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const before = await numbersSnapshot(acct.id);
    expect(await attachNumberAction({ numberId: "x", applicationId: appId })).toEqual({ ok: false, fieldErrors: { numberId: "Invalid phone number id" } });
    expect(await attachNumberAction({ numberId: 1, applicationId: "" })).toEqual({ ok: false, fieldErrors: { applicationId: "Invalid application id" } });
    expect(await deactivateNumberAction({ numberId: -1 })).toEqual({ ok: false, fieldErrors: { numberId: "Invalid phone number id" } });
    expect(await bulkDeactivateNumbersAction({ numberIds: [] })).toEqual({ ok: false, fieldErrors: { numberIds: "Choose at least one number" } });
    expect(await bulkSetSmsAction({ numberIds: [1], smsEnabled: "yes" as unknown as boolean })).toEqual({ ok: false, fieldErrors: { smsEnabled: "Choose on or off" } });
    expect(await numbersSnapshot(acct.id)).toEqual(before);
  });

  it("another account's number or application is refused as not found, nothing written", async () => {
    const other = await createTestAccount();
    const theirs = await fixtureOwnNumber(other.id);
    const theirApp = await db.application.create({ data: { accountId: other.id, name: uniq("theirs-") } });
    session.actor = asPanel(await acct.actor("MainAccount"));
    const mine = await own();
    const [mineBefore, theirsBefore] = [await numbersSnapshot(acct.id), await numbersSnapshot(other.id)];
    expect(await attachNumberAction({ numberId: theirs.id, applicationId: appId })).toEqual({ ok: false, fieldErrors: { numberId: "Phone number not found" } });
    expect(await attachNumberAction({ numberId: mine, applicationId: theirApp.id })).toEqual({ ok: false, fieldErrors: { applicationId: "Application not found" } });
    expect(await deactivateNumberAction({ numberId: theirs.id })).toEqual({ ok: false, fieldErrors: { numberId: "Phone number not found" } });
    // All or nothing: one foreign id in a bulk list and none of the account's own is touched either.
    expect(await bulkDeactivateNumbersAction({ numberIds: [mine, theirs.id] })).toEqual({ ok: false, fieldErrors: { numberId: "Phone number not found" } });
    expect(await bulkSetSmsAction({ numberIds: [mine, theirs.id], smsEnabled: false })).toEqual({ ok: false, fieldErrors: { numberId: "Phone number not found" } });
    expect([await numbersSnapshot(acct.id), await numbersSnapshot(other.id)]).toEqual([mineBefore, theirsBefore]);
  });

  it("bulk Enable SMS is all or nothing: one number without SMS and none changes", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const [a, b] = [await own(), await own()];
    await db.phoneNumber.updateMany({ where: { id: { in: [a, b] } }, data: { smsEnabled: false } });
    await db.phoneNumber.update({ where: { id: b }, data: { smsSupported: false } });
    const before = await numbersSnapshot(acct.id);
    const r = await bulkSetSmsAction({ numberIds: [a, b], smsEnabled: true });
    expect(r).toEqual({ ok: false, fieldErrors: { smsEnabled: expect.stringContaining("does not support SMS") } });
    expect(await numbersSnapshot(acct.id)).toEqual(before);
    expect(await bulkSetSmsAction({ numberIds: [a], smsEnabled: true })).toEqual({ ok: true, data: { count: 1, smsEnabled: true } });
  });

  it("a row's Attach and Detach report the application; bulk Attach reports how many", async () => {
    session.actor = asPanel(await acct.actor("Accountant"));
    const id = await own();
    expect(await attachNumberAction({ numberId: id, applicationId: appId })).toMatchObject({ ok: true, data: { applicationName: "numbers-app" } });
    expect(await attachNumberAction({ numberId: id, applicationId: null })).toMatchObject({ ok: true, data: { applicationName: null } });
    session.actor = asPanel(await acct.actor("PhoneNumberManager"));
    expect(await bulkAttachNumbersAction({ numberIds: [await own(), await own()], applicationId: appId })).toEqual({ ok: true, data: { count: 2, applicationName: "numbers-app" } });
  });
});
