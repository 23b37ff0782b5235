import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { asPanel, createTestAccount, PRINCIPALS, type TestAccount, changeRowCount } from "@/test/factories";
import { fixtureSmartQueue } from "@/lib/domains/queues/api-fixtures";
import { fixtureUser } from "@/lib/domains/app-users/api-fixtures";

// The server actions are public POST endpoints: whoever calls them, the wrapper must check the
// session and the section (application.queues) before anything is written. getActor is the seam.
const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { addSqQueueAction, setSqQueueAction, deleteSqQueuesAction, addSqSkillAction, setSqSkillAction, deleteSqSkillsAction, saveSqAgentAction } = await import("./actions");

async function snapshot(accountId: number) {
  return {
    queues: await db.sqQueue.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    skills: await db.sqSkill.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    agents: await db.sqQueueAgent.findMany({ where: { accountId }, orderBy: [{ queueId: "asc" }, { userId: "asc" }] }),
    levels: await db.sqAgentSkill.findMany({ where: { accountId }, orderBy: [{ userId: "asc" }, { skillId: "asc" }] }),
    settings: await db.sqAgentSettings.findMany({ where: { accountId }, orderBy: { userId: "asc" } }),
    audits: await changeRowCount(accountId),
  };
}

type Sq = Awaited<ReturnType<typeof fixtureSmartQueue>>;

describe("Queues tab server actions", () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount();
  });
  beforeEach(() => {
    session.actor = null;
  });

  const calls = [
    { name: "addSqQueueAction", run: (s: Sq) => addSqQueueAction({ applicationId: s.app.id, name: "Sales", callAgentSelection: "MOST_QUALIFIED", callTaskSelection: "MAX_PRIORITY" }) },
    { name: "setSqQueueAction", run: (s: Sq) => setSqQueueAction({ applicationId: s.app.id, queueId: s.queue.id, priority: "7" }) },
    { name: "deleteSqQueuesAction", run: (s: Sq) => deleteSqQueuesAction({ applicationId: s.app.id, queues: { ids: [s.queue.id] } }) },
    { name: "addSqSkillAction", run: (s: Sq) => addSqSkillAction({ applicationId: s.app.id, name: "German" }) },
    { name: "setSqSkillAction", run: (s: Sq) => setSqSkillAction({ applicationId: s.app.id, skillId: s.skill.id, description: "d" }) },
    { name: "deleteSqSkillsAction", run: (s: Sq) => deleteSqSkillsAction({ applicationId: s.app.id, skills: { ids: [s.skill.id] } }) },
    { name: "saveSqAgentAction", run: (s: Sq) => saveSqAgentAction({ applicationId: s.app.id, user: { id: s.user.id }, queueIds: [], skills: [{ skillId: s.skill.id, level: 5 }], handleCalls: false }) },
  ] as const;

  for (const c of calls) {
    for (const role of PRINCIPALS) {
      const allowed = can({ roles: [role] }, "application.queues");
      it(`${c.name} as ${role}: ${allowed ? "ok, audited" : "refused, nothing written"}`, async () => {
        session.actor = asPanel(await acct.actor(role));
        const sq = await fixtureSmartQueue({ accountId: acct.id });
        const before = await snapshot(acct.id);
        const r = await c.run(sq);
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

  it("without a session every action is refused and nothing is written", async () => {
    const sq = await fixtureSmartQueue({ accountId: acct.id });
    const before = await snapshot(acct.id);
    for (const c of calls) expect(await c.run(sq), c.name).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("bad input is a field error naming the field; nothing written", async () => {
    session.actor = asPanel(await acct.actor("MainAccount"));
    const sq = await fixtureSmartQueue({ accountId: acct.id });
    const before = await snapshot(acct.id);
    expect(await addSqQueueAction({ applicationId: sq.app.id, name: "", callAgentSelection: "MOST_QUALIFIED", callTaskSelection: "MAX_PRIORITY" })).toEqual({ ok: false, fieldErrors: { name: "Queue name is required" } });
    expect(await addSqQueueAction({ applicationId: sq.app.id, name: sq.queue.name.toUpperCase(), callAgentSelection: "MOST_QUALIFIED", callTaskSelection: "MAX_PRIORITY" })).toEqual({
      ok: false,
      fieldErrors: { name: "A queue with this name already exists in this application" },
    });
    expect(await setSqQueueAction({ applicationId: sq.app.id, queueId: sq.queue.id, callMaxQueueSize: "0" })).toEqual({ ok: false, fieldErrors: { callMaxQueueSize: "Maximum call queue size must be a whole number from 1 to 10000" } });
    expect(await addSqSkillAction({ applicationId: sq.app.id, name: "x".repeat(101) })).toEqual({ ok: false, fieldErrors: { name: "Skill name must be at most 100 characters" } });
    expect(await saveSqAgentAction({ applicationId: sq.app.id, user: { name: "nobody" }, queueIds: [sq.queue.id] })).toEqual({ ok: false, fieldErrors: { user: "User not found" } });
    expect(await saveSqAgentAction({ applicationId: sq.app.id, user: { id: sq.user.id }, maxSimultaneousConversations: "0" })).toEqual({ ok: false, fieldErrors: { maxSimultaneousConversations: "Maximum simultaneous chats must be a whole number from 1 to 100" } });
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("Add agent with the name of a user who already serves a queue or holds a skill is refused under user, nothing overwritten; with neither a queue nor a skill, under the queues", async () => {
    // The fixture's user serves its queue with its skill at level 3; a user who is neither is added.
    const sq = await fixtureSmartQueue({ accountId: acct.id });
    const newcomer = await fixtureUser(acct.id, sq.app.id);
    session.actor = asPanel(await acct.actor("MainAccount"));
    expect(await saveSqAgentAction({ applicationId: sq.app.id, user: { name: newcomer.name }, skills: [{ skillId: sq.skill.id, level: 4 }], newAgent: true })).toMatchObject({ ok: true });
    const before = await snapshot(acct.id);
    expect(await saveSqAgentAction({ applicationId: sq.app.id, user: { name: sq.user.name }, queueIds: [sq.queue.id], skills: [], newAgent: true })).toEqual({
      ok: false,
      fieldErrors: { user: `${sq.user.name} is already an agent: use Edit agent in its row to change its queues and skills` },
    });
    // Neither a queue nor a skill would make no agent: refused under the queues, not saved as nothing.
    const another = await fixtureUser(acct.id, sq.app.id);
    expect(await saveSqAgentAction({ applicationId: sq.app.id, user: { name: another.name }, queueIds: [], skills: [], newAgent: true })).toEqual({
      ok: false,
      fieldErrors: { queueIds: "Choose a queue or give a skill level: an agent serves a queue or has a skill" },
    });
    expect(await snapshot(acct.id)).toEqual(before);
    // Edit agent (its row) changes it.
    expect(await saveSqAgentAction({ applicationId: sq.app.id, user: { id: sq.user.id }, skills: [] })).toMatchObject({ ok: true });
  });

  it("another account's application, queue, skill or user is refused as not found, nothing written", async () => {
    const them = await createTestAccount();
    const theirs = await fixtureSmartQueue({ accountId: them.id });
    const mine = await fixtureSmartQueue({ accountId: acct.id });
    session.actor = asPanel(await acct.actor("MainAccount"));
    const [mineBefore, theirsBefore] = [await snapshot(acct.id), await snapshot(them.id)];
    const appNotFound = { ok: false, fieldErrors: { applicationId: "Application not found" } };
    expect(await addSqQueueAction({ applicationId: theirs.app.id, name: "x", callAgentSelection: "MOST_QUALIFIED", callTaskSelection: "MAX_PRIORITY" })).toEqual(appNotFound);
    expect(await setSqQueueAction({ applicationId: mine.app.id, queueId: theirs.queue.id, priority: "2" })).toEqual({ ok: false, fieldErrors: { queueId: "Queue not found" } });
    expect(await deleteSqSkillsAction({ applicationId: mine.app.id, skills: { ids: [theirs.skill.id] } })).toEqual({ ok: false, fieldErrors: { skills: "Skill not found" } });
    expect(await saveSqAgentAction({ applicationId: mine.app.id, user: { id: theirs.user.id }, queueIds: [] })).toEqual({ ok: false, fieldErrors: { user: "User not found" } });
    expect(await saveSqAgentAction({ applicationId: mine.app.id, user: { id: mine.user.id }, queueIds: [theirs.queue.id] })).toEqual({ ok: false, fieldErrors: { queueIds: "Queue not found" } });
    expect([await snapshot(acct.id), await snapshot(them.id)]).toEqual([mineBefore, theirsBefore]);
  });
});
