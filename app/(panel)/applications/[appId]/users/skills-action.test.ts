import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, type TestAccount, changeRowCount } from "@/test/factories";
import { fixtureSmartQueue } from "@/lib/domains/queues/api-fixtures";

// The Users tab's SmartQueue skills (setAppUserSkillsAction): a public POST endpoint that the
// section application.users opens (the seed's UserManager manages users and their skills).
// Threats: a role without the Users tab writing levels; the action reaching queues (the Queues
// tab's) or another account's user or skill.
const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { setAppUserSkillsAction } = await import("./actions");

const snapshot = async (accountId: number) => ({
  levels: await db.sqAgentSkill.findMany({ where: { accountId }, orderBy: [{ userId: "asc" }, { skillId: "asc" }] }),
  queueAgents: await db.sqQueueAgent.findMany({ where: { accountId }, orderBy: [{ queueId: "asc" }, { userId: "asc" }] }),
  audits: await changeRowCount(accountId),
});

describe("the Users tab's SmartQueue skills action", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
  });
  beforeEach(() => {
    session.actor = null;
  });

  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "application.users");
    it(`as ${role}: ${allowed ? "the user's skills become those chosen, queues untouched" : "refused, nothing written"}`, async () => {
      session.actor = asPanel(await acct.actor(role));
      const sq = await fixtureSmartQueue({ accountId: acct.id });
      const before = await snapshot(acct.id);
      const r = await setAppUserSkillsAction({ applicationId: sq.app.id, userId: sq.user.id, skills: [{ skillId: sq.skill.id, level: 5 }] });
      if (allowed) {
        expect(r).toMatchObject({ ok: true });
        const after = await snapshot(acct.id);
        expect(after.levels.filter((l) => l.userId === sq.user.id).map((l) => [l.skillId, l.level])).toEqual([[sq.skill.id, 5]]);
        expect(after.queueAgents).toEqual(before.queueAgents);
        expect(after.audits).toBe(before.audits + 1);
      } else {
        expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
        expect(await snapshot(acct.id)).toEqual(before);
      }
    });
  }

  it("another account's user or skill is not found, a bad level names the field; nothing written", async () => {
    session.actor = asPanel(await acct.actor("UserManager"));
    const them = await createTestAccount();
    const theirs = await fixtureSmartQueue({ accountId: them.id });
    const mine = await fixtureSmartQueue({ accountId: acct.id });
    const [mineBefore, theirsBefore] = [await snapshot(acct.id), await snapshot(them.id)];
    expect(await setAppUserSkillsAction({ applicationId: mine.app.id, userId: theirs.user.id, skills: [] })).toEqual({ ok: false, fieldErrors: { user: "User not found" } });
    expect(await setAppUserSkillsAction({ applicationId: mine.app.id, userId: mine.user.id, skills: [{ skillId: theirs.skill.id, level: 2 }] })).toEqual({ ok: false, fieldErrors: { skills: "Skill not found" } });
    expect(await setAppUserSkillsAction({ applicationId: theirs.app.id, userId: theirs.user.id, skills: [] })).toEqual({ ok: false, fieldErrors: { applicationId: "Application not found" } });
    expect(await setAppUserSkillsAction({ applicationId: mine.app.id, userId: mine.user.id, skills: [{ skillId: mine.skill.id, level: 9 }] })).toEqual({ ok: false, fieldErrors: { "skills.0.level": "Skill level must be a whole number from 1 to 5" } });
    expect([await snapshot(acct.id), await snapshot(them.id)]).toEqual([mineBefore, theirsBefore]);
  });
});
