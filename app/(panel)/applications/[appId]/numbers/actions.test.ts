import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { createTestAccount, PRINCIPALS, uniq, type TestAccount } from "@/test/factories";
import { fixtureOwnNumber } from "@/lib/domains/phone-numbers/api-fixtures";
import { asPanel, numbersSnapshot } from "@/lib/domains/phone-numbers/panel-fixtures";

// An application's Numbers tab attaches and detaches with numbers.attach (the tab itself is
// application.phone_numbers: Support sees it, cannot attach); several at once need
// numbers.all_actions too.
const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { attachToApplicationAction, detachFromApplicationAction } = await import("./actions");

describe("application Numbers tab server actions", () => {
  let acct: TestAccount;
  let appId: number;
  beforeAll(async () => {
    acct = await createTestAccount();
    appId = (await db.application.create({ data: { accountId: acct.id, name: "tab-app" } })).id;
  });
  beforeEach(() => {
    session.actor = null;
  });

  const free = async () => (await fixtureOwnNumber(acct.id)).id;
  const attached = async () => {
    const id = await free();
    await db.phoneNumber.update({ where: { id }, data: { applicationId: appId } });
    return id;
  };
  // setup() makes the case's numbers; run() is the action alone; `was` is their application before it.
  const calls = [
    { name: "attachToApplicationAction", bulk: false, was: null, setup: async () => [await free()], run: (ids: number[]) => attachToApplicationAction({ applicationId: appId, numberIds: ids }) },
    { name: "attachToApplicationAction (several)", bulk: true, was: null, setup: async () => [await free(), await free()], run: (ids: number[]) => attachToApplicationAction({ applicationId: appId, numberIds: ids }) },
    { name: "detachFromApplicationAction", bulk: false, was: "app", setup: async () => [await attached()], run: (ids: number[]) => detachFromApplicationAction({ numberId: ids[0] }) },
  ] as const;

  for (const c of calls) {
    for (const role of PRINCIPALS) {
      const attach = can({ roles: [role] }, "numbers.attach");
      const allowed = attach && (!c.bulk || can({ roles: [role] }, "numbers.all_actions"));
      it(`${c.name} as ${role}: ${allowed ? "ok, audited" : "refused, nothing written"}`, async () => {
        session.actor = asPanel(await acct.actor(role));
        const ids = await c.setup();
        const before = await numbersSnapshot(acct.id);
        const r = await c.run(ids);
        if (allowed) {
          expect(r).toMatchObject({ ok: true });
          expect((await numbersSnapshot(acct.id)).audits).toBe(before.audits + ids.length);
          const apps = await db.phoneNumber.findMany({ where: { id: { in: ids } }, select: { applicationId: true } });
          expect(apps.every((a) => a.applicationId === (c.was ? null : appId))).toBe(true);
        } else {
          // Without numbers.attach the wrapper refuses; with it but without the bulk right, the domain does.
          expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
          expect(await numbersSnapshot(acct.id)).toEqual(before);
        }
      });
    }
  }

  it("without a session both are refused and nothing is written", async () => {
    const [loose, on] = [await free(), await attached()];
    const before = await numbersSnapshot(acct.id);
    expect(await attachToApplicationAction({ applicationId: appId, numberIds: [loose] })).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await detachFromApplicationAction({ numberId: on })).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await numbersSnapshot(acct.id)).toEqual(before);
  });

  it("bad input comes back as field errors naming the field, nothing written", async () => {
    session.actor = asPanel(await acct.actor("Developer"));
    const before = await numbersSnapshot(acct.id);
    expect(await attachToApplicationAction({ applicationId: appId, numberIds: [] })).toEqual({ ok: false, fieldErrors: { numberIds: "Choose at least one number" } });
    expect(await attachToApplicationAction({ applicationId: "sales", numberIds: [1] })).toEqual({ ok: false, fieldErrors: { applicationId: "Invalid application id" } });
    expect(await detachFromApplicationAction({ numberId: null })).toEqual({ ok: false, fieldErrors: { numberId: "Invalid phone number id" } });
    expect(await numbersSnapshot(acct.id)).toEqual(before);
  });

  it("another account's application or number is not found, and both accounts stay as they were", async () => {
    const other = await createTestAccount();
    const theirApp = await db.application.create({ data: { accountId: other.id, name: uniq("theirs-") } });
    const theirNumber = await fixtureOwnNumber(other.id);
    await db.phoneNumber.update({ where: { id: theirNumber.id }, data: { applicationId: theirApp.id } });
    session.actor = asPanel(await acct.actor("Admin"));
    const mine = await fixtureOwnNumber(acct.id);
    const [a, b] = [await numbersSnapshot(acct.id), await numbersSnapshot(other.id)];
    expect(await attachToApplicationAction({ applicationId: theirApp.id, numberIds: [mine.id] })).toEqual({ ok: false, fieldErrors: { applicationId: "Application not found" } });
    expect(await attachToApplicationAction({ applicationId: appId, numberIds: [theirNumber.id] })).toEqual({ ok: false, fieldErrors: { numberId: "Phone number not found" } });
    expect(await detachFromApplicationAction({ numberId: theirNumber.id })).toEqual({ ok: false, fieldErrors: { numberId: "Phone number not found" } });
    expect([await numbersSnapshot(acct.id), await numbersSnapshot(other.id)]).toEqual([a, b]);
  });
});
