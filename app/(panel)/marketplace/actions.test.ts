import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can, OWNER_ROLE } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, changeRowCount, createTestAccount, PRINCIPALS, uniq, type TestAccount } from "@/test/factories";
import { fixtureApp } from "@/lib/domains/applications/api-fixtures";

// The Marketplace's Install is a public POST endpoint: whoever calls it, the wrapper must check
// the session and the section (`marketplace`, the account owner's alone) before anything is
// written; the form's field errors come back by field. getActor is the seam.
const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { installTemplateAction } = await import("./actions");

async function snapshot(accountId: number) {
  const [scenarios, rules, installs, audits] = await Promise.all([
    db.scenario.count({ where: { accountId } }),
    db.rule.count({ where: { accountId } }),
    db.marketplaceInstall.count({ where: { accountId } }),
    changeRowCount(accountId),
  ]);
  return { scenarios, rules, installs, audits };
}

describe("Marketplace server action", () => {
  let acct: TestAccount;
  let app: { id: number };
  const input = () => ({ templateId: "voicemail", applicationId: app.id, scenarioName: uniq("vm-"), addRule: true, rulePattern: ".*", values: { greeting: "Leave a message", maxSeconds: "30" } });
  beforeAll(async () => {
    acct = await createTestAccount();
    app = await fixtureApp(acct.id, "mk");
  });
  beforeEach(() => {
    session.actor = null;
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "marketplace");
    it(`installTemplateAction as ${role}: ${allowed ? "installs, audited" : "refused, nothing written"}`, async () => {
      session.actor = asPanel(await acct.actor(role));
      const before = await snapshot(acct.id);
      const r = await installTemplateAction(input());
      if (allowed) {
        expect(r).toMatchObject({ ok: true, data: { scenarioId: expect.any(Number), ruleId: expect.any(Number) } });
        expect(await snapshot(acct.id)).toEqual({ scenarios: before.scenarios + 1, rules: before.rules + 1, installs: before.installs + 1, audits: before.audits + 3 });
      } else {
        expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
        expect(await snapshot(acct.id)).toEqual(before);
      }
    });
  }

  it("without a session it is refused and nothing is written", async () => {
    const before = await snapshot(acct.id);
    expect(await installTemplateAction(input())).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("answers field errors by the form's field names, nothing written", async () => {
    session.actor = asPanel(await acct.actor(OWNER_ROLE));
    const before = await snapshot(acct.id);
    expect(await installTemplateAction({ ...input(), values: { greeting: "", maxSeconds: "1000" } })).toMatchObject({ ok: false, fieldErrors: { greeting: "Greeting is required" } });
    expect(await installTemplateAction({ ...input(), values: { greeting: "Hi", maxSeconds: "1000" } })).toMatchObject({ ok: false, fieldErrors: { maxSeconds: expect.stringContaining("from 5 to 300") } });
    expect(await installTemplateAction({ ...input(), scenarioName: "bad name!" })).toMatchObject({ ok: false, fieldErrors: { scenarioName: expect.any(String) } });
    expect(await snapshot(acct.id)).toEqual(before);
  });
});
