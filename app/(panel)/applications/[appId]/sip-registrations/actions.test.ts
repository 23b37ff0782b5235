import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, changeRowCount, createTestAccount, PRINCIPALS, type TestAccount } from "@/test/factories";
import { fixtureApp } from "@/lib/domains/applications/api-fixtures";
import { fixtureAppUser } from "@/lib/domains/calls/call-fixtures";
import { fixtureRule } from "@/lib/domains/scenarios/api-fixtures";
import { fixtureSipRegistration } from "@/lib/domains/sip-registrations/api-fixtures";

// An application's SIP registrations page: Bind and Unbind (section
// `application.sip_registrations`) as each of the 12 principals. getActor is the seam.
const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { bindSipRegistrationAction, unbindSipRegistrationAction } = await import("./actions");

const binding = (id: number) => db.sipRegistration.findUniqueOrThrow({ where: { id }, select: { applicationId: true, ruleId: true, appUserId: true } });

describe("application SIP registrations server actions", () => {
  let acct: TestAccount;
  let app: { id: number };
  let rule: { id: number };
  beforeAll(async () => {
    acct = await createTestAccount();
    app = await fixtureApp(acct.id);
    rule = await fixtureRule(acct.id, app.id, [], "from-pbx");
  });
  beforeEach(() => {
    session.actor = null;
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "application.sip_registrations");
    it(`bind and unbind as ${role}: ${allowed ? "ok" : "refused, nothing written"}`, async () => {
      session.actor = asPanel(await acct.actor(role));
      const r = await fixtureSipRegistration(acct.id);
      const before = await changeRowCount(acct.id);
      const bound = await bindSipRegistrationAction({ applicationId: app.id, sipRegistrationId: r.id, ruleId: rule.id });
      if (!allowed) {
        expect(bound).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
        const b = await fixtureSipRegistration(acct.id, { applicationId: app.id, ruleId: rule.id });
        expect(await unbindSipRegistrationAction({ sipRegistrationId: b.id })).toMatchObject({ ok: false });
        expect(await binding(r.id)).toEqual({ applicationId: null, ruleId: null, appUserId: null });
        expect(await binding(b.id)).toEqual({ applicationId: app.id, ruleId: rule.id, appUserId: null });
        expect(await changeRowCount(acct.id)).toBe(before);
        return;
      }
      expect(bound).toMatchObject({ ok: true });
      expect(await binding(r.id)).toEqual({ applicationId: app.id, ruleId: rule.id, appUserId: null });
      expect(await unbindSipRegistrationAction({ sipRegistrationId: r.id })).toEqual({ ok: true, data: { unbound: 1 } });
      expect(await binding(r.id)).toEqual({ applicationId: null, ruleId: null, appUserId: null });
      expect(await changeRowCount(acct.id)).toBe(before + 2);
    });
  }

  it("binds to a user by name; a missing user, another application's rule or another account's registration is a field error", async () => {
    session.actor = asPanel(await acct.actor("Developer"));
    const user = await fixtureAppUser(acct.id, app.id, { name: "pbx-desk" });
    const r = await fixtureSipRegistration(acct.id, { isPersistent: false });
    expect(await bindSipRegistrationAction({ applicationId: app.id, sipRegistrationId: r.id, userName: "PBX-Desk" })).toMatchObject({ ok: true });
    expect(await binding(r.id)).toMatchObject({ appUserId: user.id });
    expect(await bindSipRegistrationAction({ applicationId: app.id, sipRegistrationId: r.id, userName: "nobody" })).toMatchObject({ ok: false, fieldErrors: { userName: "User 'nobody' not found" } });
    const otherApp = await fixtureApp(acct.id);
    const otherRule = await fixtureRule(acct.id, otherApp.id, [], "elsewhere");
    const p = await fixtureSipRegistration(acct.id);
    expect(await bindSipRegistrationAction({ applicationId: app.id, sipRegistrationId: p.id, ruleId: otherRule.id })).toMatchObject({ ok: false, fieldErrors: { ruleId: "Rule not found" } });
    const theirs = await fixtureSipRegistration((await createTestAccount()).id);
    expect(await bindSipRegistrationAction({ applicationId: app.id, sipRegistrationId: theirs.id, ruleId: rule.id })).toMatchObject({ ok: false, fieldErrors: { sipRegistrationId: "SIP registration not found" } });
    expect(await binding(theirs.id)).toEqual({ applicationId: null, ruleId: null, appUserId: null });
  });
});
