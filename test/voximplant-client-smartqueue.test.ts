// The official Voximplant Node client (@voximplant/apiclient-nodejs), unchanged, drives
// SmartQueue over real HTTPS (test/voximplant-harness.ts): queues, skills, agents, with the
// client's own method and parameter names, every change checked against what the panel's
// queries show. Threat: wire incompatibility that would break existing integrations silently.
// (The client types SQ_GetQueues' and friends' result as one structure while the API answers
// a list, so it hands the list back mangled; reads are checked through the panel here and over
// the wire in lib/domains/queues/queues.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { listSqAgents, listSqQueues, listSqSkills } from "@/lib/domains/queues/queries";
import type { Actor } from "@/lib/access/actor-types";
import type { TestAccount } from "@/test/factories";
import { fixtureApp } from "@/lib/domains/applications/api-fixtures";
import { fixtureUser } from "@/lib/domains/app-users/api-fixtures";
import { call, ok, startClient, stopClient } from "./voximplant-harness";

let acct: TestAccount;
let owner: Actor;

beforeAll(async () => {
  ({ acct, owner } = await startClient());
});

afterAll(stopClient);

describe("the official Node client drives SmartQueue", () => {
  it("queues, skills and agents; the panel sees every change", async () => {
    const app = await fixtureApp(acct.id, "contact");
    const user = await fixtureUser(acct.id, app.id, "agent-ann");
    const added = await ok("SmartQueue", "sQ_AddQueue", { applicationId: app.id, sqQueueName: "Support", callAgentSelection: "MOST_QUALIFIED", callTaskSelection: "MAX_PRIORITY", callMaxWaitingTimeInSeconds: 90, priority: 3 });
    const sqQueueId = (added.result as { sqQueueId: number }).sqQueueId;
    expect(sqQueueId).toEqual(expect.any(Number));
    const skill = await ok("SmartQueue", "sQ_AddSkill", { applicationId: app.id, sqSkillName: "English", description: "Speaks English" });
    const sqSkillId = (skill.result as { sqSkillId: number }).sqSkillId;
    await ok("SmartQueue", "sQ_SetQueueInfo", { applicationId: app.id, sqQueueId, newSqQueueName: "Support EU", holdCallsIfInactiveAgents: true, imAgentSelection: "MAX_WAITING_TIME" });
    await ok("SmartQueue", "sQ_SetSkillInfo", { applicationId: app.id, sqSkillId, newSqSkillName: "English (UK)" });
    await ok("SmartQueue", "sQ_BindAgent", { applicationId: app.id, sqQueueId: String(sqQueueId), userId: [user.id] });
    await ok("SmartQueue", "sQ_BindSkill", { applicationId: app.id, userId: [user.id], sqSkills: JSON.stringify([{ sq_skill_id: sqSkillId, sq_skill_level: 5 }]) });
    await ok("SmartQueue", "sQ_SetAgentInfo", { applicationId: app.id, userId: [user.id], handleCalls: false, maxSimultaneousConversations: 2 });
    expect((await listSqQueues(owner, { applicationId: app.id })).items.map((q) => [q.name, q.callMaxWaitingSeconds, q.priority, q.holdCallsIfInactiveAgents, q.imAgentSelection, q.agentCount])).toEqual([
      ["Support EU", 90, 3, true, "MAX_WAITING_TIME", 1],
    ]);
    expect((await listSqSkills(owner, { applicationId: app.id })).items.map((s) => s.name)).toEqual(["English (UK)"]);
    expect((await listSqAgents(owner, { applicationId: app.id, agentsOnly: true })).items).toEqual([
      { userId: user.id, userName: "agent-ann", displayName: user.displayName, handleCalls: false, maxSimultaneousConversations: 2, queues: [{ id: sqQueueId, name: "Support EU" }], skills: [{ id: sqSkillId, name: "English (UK)", level: 5 }] },
    ]);
    const listed = await ok("SmartQueue", "sQ_GetAgents", { applicationId: app.id, withSqSkills: true });
    expect(listed.totalCount ?? listed.total_count).toBe(1);

    await ok("SmartQueue", "sQ_UnbindSkill", { applicationId: app.id, userId: [user.id], sqSkillId: [sqSkillId] });
    await ok("SmartQueue", "sQ_UnbindAgent", { applicationId: app.id, sqQueueId: [sqQueueId], userId: [user.id] });
    expect((await listSqAgents(owner, { applicationId: app.id, agentsOnly: true })).total).toBe(0);
    await ok("SmartQueue", "sQ_DelSkill", { applicationId: app.id, sqSkillId: [sqSkillId] });
    await ok("SmartQueue", "sQ_DelQueue", { applicationId: app.id, sqQueueId: [sqQueueId] });
    expect(await db.sqQueue.count({ where: { accountId: acct.id } })).toBe(0);
    expect(await db.sqSkill.count({ where: { accountId: acct.id } })).toBe(0);

    const refused = await call("SmartQueue", "sQ_AddQueue", { applicationId: app.id, sqQueueName: "x", callAgentSelection: "RANDOM", callTaskSelection: "MAX_PRIORITY" });
    expect(refused.error).toEqual({ code: 101, msg: expect.stringContaining("call_agent_selection") });
  });
});
