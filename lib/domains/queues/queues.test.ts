// SmartQueue through the domain and over the wire, with the official clients' names. Threats:
// another tenant's application, queue, skill or user reached by id or name; a failed call
// writing half (a queue bound to some agents, a skill given to some users); access wider than
// decided (skills for UserManager, never queues); names clashing by letter case.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { OWNER_ROLE } from "@/lib/access/matrix";
import { createTestAccount, type TestAccount } from "@/test/factories";
import { callAs, insertKey, snapshot, type TestKey } from "@/test/api-kit";
import { fixtureApp } from "../applications/api-fixtures";
import { fixtureUser } from "../app-users/api-fixtures";
import { deleteApplications } from "../applications/mutations";
import { deleteAppUsers } from "../app-users/mutations";
import { auditSentence } from "@/lib/domains/audit-log/sentences";
import { fixtureQueue, fixtureSkill, fixtureSmartQueue } from "./api-fixtures";
import { MAX_SQ_QUEUES } from "./client-safe";
import { addSqQueue, addSqSkill, bindSqAgents, bindSqSkills, deleteSqQueues, deleteSqSkills, setSqAgentInfo, setSqQueue, setSqSkill, unbindSqAgents, unbindSqSkills } from "./mutations";
import { AGENT_CANDIDATES_SHOWN, agentCandidates, listSqAgents, listSqQueues, listSqSkills } from "./queries";

let acct: TestAccount;
let key: TestKey;
let app: { id: number; name: string };

beforeEach(async () => {
  acct = await createTestAccount();
  key = await insertKey(acct.id, ["Admin"]);
  app = await fixtureApp(acct.id, "desk");
});

const sqRows = async (accountId: number) => {
  const s = await snapshot(accountId);
  return { sqQueues: s.sqQueues, sqSkills: s.sqSkills, sqQueueAgents: s.sqQueueAgents, sqAgentSkills: s.sqAgentSkills, sqAgentSettings: s.sqAgentSettings };
};

describe("SmartQueue over the wire", () => {
  it("queues, skills and agents end to end: the client's names and shapes, and what the panel lists", async () => {
    const ann = await fixtureUser(acct.id, app.id, "ann");
    const bob = await fixtureUser(acct.id, app.id, "bob");
    const added = (await callAs(key, "SQ_AddQueue", { application_name: "desk", sq_queue_name: "Sales", call_agent_selection: "MOST_QUALIFIED", call_task_selection: "MAX_PRIORITY", call_max_waiting_time: "2", im_max_waiting_time_in_seconds: "90", call_max_queue_size: "20", priority: "5", description: "Sales line" })).body;
    expect(added).toEqual({ result: { sq_queue_id: expect.any(Number) } });
    const queueId = (added.result as { sq_queue_id: number }).sq_queue_id;
    const skill = (await callAs(key, "SQ_AddSkill", { application_id: String(app.id), sq_skill_name: "English", description: "Speaks English" })).body;
    expect(skill).toEqual({ result: { sq_skill_id: expect.any(Number) } });
    const skillId = (skill.result as { sq_skill_id: number }).sq_skill_id;

    expect((await callAs(key, "SQ_BindAgent", { application_id: String(app.id), sq_queue_name: "sales", user_name: "ann;bob" })).body).toEqual({ result: 1 });
    expect((await callAs(key, "SQ_BindSkill", { application_id: String(app.id), user_id: String(ann.id), sq_skills: JSON.stringify([{ sq_skill_name: "english", sq_skill_level: 4 }]) })).body).toEqual({ result: 1 });
    expect((await callAs(key, "SQ_SetAgentInfo", { application_id: String(app.id), user_id: String(bob.id), handle_calls: "false", max_simultaneous_conversations: "3" })).body).toEqual({ result: 1 });

    const queues = (await callAs(key, "SQ_GetQueues", { application_id: String(app.id), with_agentcount: "true" })).body;
    expect(queues).toMatchObject({ count: 1, total_count: 1 });
    expect(queues.result).toEqual([
      {
        sq_queue_id: queueId,
        sq_queue_name: "Sales",
        agent_selection: "MOST_QUALIFIED",
        task_selection: "MAX_PRIORITY",
        hold_calls_if_inactive_agents: false,
        hold_im_if_inactive_agents: false,
        description: "Sales line",
        created: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
        modified: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
        call_max_waiting_time: 2,
        call_max_waiting_time_in_seconds: 120,
        im_max_waiting_time: 2,
        im_max_waiting_time_in_seconds: 90,
        call_max_queue_size: 20,
        agentcount: 2,
        priority: 5,
        call_agent_selection: "MOST_QUALIFIED",
        im_agent_selection: "MOST_QUALIFIED",
        call_task_selection: "MAX_PRIORITY",
        im_task_selection: "MAX_PRIORITY",
      },
    ]);
    const agents = (await callAs(key, "SQ_GetAgents", { application_id: String(app.id), with_sq_skills: "true", with_sq_queues: "true" })).body;
    expect(agents.result).toEqual([
      { user_id: ann.id, user_name: "ann", user_display_name: ann.displayName, max_simultaneous_conversations: 1, handle_calls: true, sq_queues: [{ sq_queue_id: queueId, sq_queue_name: "Sales" }], sq_skills: [{ sq_skill_id: skillId, sq_skill_name: "English", sq_skill_level: 4 }] },
      { user_id: bob.id, user_name: "bob", user_display_name: bob.displayName, max_simultaneous_conversations: 3, handle_calls: false, sq_queues: [{ sq_queue_id: queueId, sq_queue_name: "Sales" }], sq_skills: [] },
    ]);
    const skilled = (await callAs(key, "SQ_GetAgents", { application_id: String(app.id), sq_skills: JSON.stringify([{ sq_skill_id: skillId, min_sq_skill_level: 4 }]), handle_calls: "true" })).body;
    expect((skilled.result as { user_id: number }[]).map((a) => a.user_id)).toEqual([ann.id]);
    const skills = (await callAs(key, "SQ_GetSkills", { application_id: String(app.id), user_name: "ann" })).body;
    expect(skills.result).toEqual([{ sq_skill_id: skillId, sq_skill_name: "English", description: "Speaks English", created: expect.any(String), modified: expect.any(String) }]);
    expect((await callAs(key, "SQ_GetSkills", { application_id: String(app.id), excluded_user_id: String(ann.id) })).body).toMatchObject({ result: [], total_count: 0 });
    expect((await callAs(key, "SQ_GetQueues", { application_id: String(app.id), sq_queue_name_template: "ALE" })).body).toMatchObject({ total_count: 1 });

    expect((await callAs(key, "SQ_SetQueueInfo", { application_id: String(app.id), sq_queue_name: "Sales", new_sq_queue_name: "Sales EU", call_agent_selection: "MAX_WAITING_TIME", hold_calls_if_inactive_agents: "true" })).body).toEqual({ result: 1 });
    expect((await callAs(key, "SQ_SetSkillInfo", { application_id: String(app.id), sq_skill_id: String(skillId), new_sq_skill_name: "English (UK)" })).body).toEqual({ result: 1 });
    const owner = await acct.actor(OWNER_ROLE);
    const panelQueues = await listSqQueues(owner, { applicationId: app.id });
    expect(panelQueues.items.map((q) => [q.name, q.callAgentSelection, q.imAgentSelection, q.holdCallsIfInactiveAgents, q.agentCount])).toEqual([["Sales EU", "MAX_WAITING_TIME", "MOST_QUALIFIED", true, 2]]);

    expect((await callAs(key, "SQ_UnbindSkill", { application_id: String(app.id), user_id: "all", sq_skill_id: "all" })).body).toEqual({ result: 1 });
    expect((await callAs(key, "SQ_UnbindAgent", { application_id: String(app.id), sq_queue_id: String(queueId), user_id: String(bob.id) })).body).toEqual({ result: 1 });
    const panelAgents = await listSqAgents(owner, { applicationId: app.id, agentsOnly: true });
    expect(panelAgents.items.map((a) => [a.userName, a.queues.map((q) => q.name), a.skills])).toEqual([["ann", ["Sales EU"], []]]);
    expect((await callAs(key, "SQ_DelSkill", { application_id: String(app.id), sq_skill_name: "english (uk)" })).body).toEqual({ result: 1 });
    expect((await callAs(key, "SQ_DelQueue", { application_id: String(app.id), sq_queue_id: "all" })).body).toEqual({ result: 1 });
    expect(await sqRows(acct.id)).toMatchObject({ sqQueues: [], sqSkills: [], sqQueueAgents: [], sqAgentSkills: [] });

    const audits = await db.auditLog.findMany({ where: { accountId: acct.id, action: { startsWith: "sq_" } }, orderBy: { id: "asc" } });
    expect(audits.map((a) => auditSentence(a))).toEqual([
      "Service account test-key created the queue Sales in desk",
      "Service account test-key created the skill English in desk",
      "Service account test-key made ann, bob agents of the queue Sales in desk",
      "Service account test-key gave ann the skill English (4) in desk",
      "Service account test-key changed the agent settings of bob in desk",
      "Service account test-key changed the queue Sales EU in desk",
      "Service account test-key changed the skill English (UK) in desk",
      "Service account test-key took the skill English (UK) from ann, bob in desk",
      "Service account test-key removed bob from the queue Sales EU in desk",
      "Service account test-key deleted the skill English (UK) from desk",
      "Service account test-key deleted the queue Sales EU from desk",
    ]);
  });

  it("wire rules answer their codes with nothing written; another tenant's rows are never reached", async () => {
    const mine = await fixtureSmartQueue({ accountId: acct.id });
    const them = await createTestAccount();
    const theirs = await fixtureSmartQueue({ accountId: them.id });
    const [mineBefore, theirsBefore] = [await snapshot(acct.id), await snapshot(them.id)];
    const a = String(mine.app.id);
    const queue = { call_agent_selection: "MOST_QUALIFIED", call_task_selection: "MAX_PRIORITY" };
    const cases: [string, Record<string, string>, number][] = [
      ["SQ_AddQueue", { sq_queue_name: "x", ...queue }, 485],
      ["SQ_AddQueue", { application_id: String(theirs.app.id), sq_queue_name: "x", ...queue }, 558],
      ["SQ_AddQueue", { application_id: a, sq_queue_name: mine.queue.name.toUpperCase(), ...queue }, 662],
      ["SQ_AddQueue", { application_id: a, sq_queue_name: "x", call_agent_selection: "RANDOM", call_task_selection: "MAX_PRIORITY" }, 101],
      ["SQ_AddQueue", { application_id: a, sq_queue_name: "x", call_agent_selection: "MOST_QUALIFIED" }, 485],
      ["SQ_AddQueue", { application_id: a, sq_queue_name: "x".repeat(101), ...queue }, 101],
      ["SQ_AddQueue", { application_id: a, sq_queue_name: "x", ...queue, call_max_waiting_time: "1", call_max_waiting_time_in_seconds: "60" }, 458],
      ["SQ_AddQueue", { application_id: a, sq_queue_name: "x", ...queue, priority: "101" }, 101],
      ["SQ_AddQueue", { application_id: a, sq_queue_name: " ", ...queue }, 134],
      ["SQ_SetQueueInfo", { application_id: a, sq_queue_id: String(theirs.queue.id), priority: "2" }, 660],
      ["SQ_SetQueueInfo", { application_id: a, sq_queue_name: "nope", priority: "2" }, 660],
      ["SQ_SetQueueInfo", { application_id: a, priority: "2" }, 485],
      ["SQ_DelQueue", { application_id: a, sq_queue_id: `${mine.queue.id};${theirs.queue.id}` }, 660],
      ["SQ_DelQueue", { application_id: String(theirs.app.id), sq_queue_id: String(theirs.queue.id) }, 558],
      ["SQ_AddSkill", { application_id: a, sq_skill_name: mine.skill.name.toUpperCase() }, 663],
      ["SQ_SetSkillInfo", { application_id: a, sq_skill_id: String(theirs.skill.id), description: "x" }, 661],
      ["SQ_DelSkill", { application_id: a, sq_skill_name: `${mine.skill.name};${theirs.skill.name}` }, 661],
      ["SQ_BindSkill", { application_id: a, user_id: String(theirs.user.id), sq_skills: JSON.stringify([{ sq_skill_id: mine.skill.id, sq_skill_level: 2 }]) }, 117],
      ["SQ_BindSkill", { application_id: a, user_id: String(mine.user.id), sq_skills: JSON.stringify([{ sq_skill_id: theirs.skill.id, sq_skill_level: 2 }]) }, 661],
      ["SQ_BindSkill", { application_id: a, user_id: String(mine.user.id), sq_skills: JSON.stringify([{ sq_skill_id: mine.skill.id, sq_skill_level: 6 }]) }, 101],
      ["SQ_BindSkill", { application_id: a, user_id: String(mine.user.id), sq_skills: "not json" }, 101],
      ["SQ_BindSkill", { application_id: a, user_id: String(mine.user.id), sq_skills: JSON.stringify([{ sq_skill_level: 2 }]) }, 101],
      ["SQ_BindSkill", { application_id: a, user_id: String(mine.user.id), sq_skills: JSON.stringify([{ sq_skill_id: mine.skill.id, sq_skill_level: 2 }]), bind_mode: "merge" }, 101],
      ["SQ_UnbindSkill", { application_id: a, user_name: theirs.user.name, sq_skill_id: "all" }, 117],
      ["SQ_BindAgent", { application_id: a, sq_queue_id: String(mine.queue.id), user_id: `${mine.user.id};${theirs.user.id}` }, 117],
      ["SQ_BindAgent", { application_id: a, sq_queue_id: String(theirs.queue.id), user_id: String(mine.user.id) }, 660],
      ["SQ_UnbindAgent", { application_id: a, sq_queue_id: String(theirs.queue.id), user_id: "all" }, 660],
      ["SQ_GetAgents", { application_id: String(theirs.app.id) }, 558],
      ["SQ_GetQueues", { application_id: a, user_name: "nobody" }, 117],
      ["SQ_SetAgentInfo", { application_id: a, user_id: String(mine.user.id) }, 485],
      ["SQ_SetAgentInfo", { application_id: a, user_id: String(mine.user.id), handle_calls: "true", max_simultaneous_conversations: "0" }, 101],
      ["SQ_SetAgentInfo", { application_id: a, user_id: String(theirs.user.id), handle_calls: "true" }, 117],
    ];
    for (const [method, params, code] of cases) {
      const { body } = await callAs(key, method, params);
      expect(body.error?.code, `${method} ${JSON.stringify(params).slice(0, 160)}`).toBe(code);
    }
    expect([await snapshot(acct.id), await snapshot(them.id)]).toEqual([mineBefore, theirsBefore]);
  });

  it("UserManager keys manage skills and agent settings but not queues; Supervisor keys manage queues", async () => {
    const { app: a, queue, skill, user } = await fixtureSmartQueue({ accountId: acct.id });
    const um = await insertKey(acct.id, ["UserManager"]);
    const sup = await insertKey(acct.id, ["Supervisor"]);
    const appId = String(a.id);
    expect((await callAs(um, "SQ_AddSkill", { application_id: appId, sq_skill_name: "French" })).body).toMatchObject({ result: { sq_skill_id: expect.any(Number) } });
    expect((await callAs(um, "SQ_BindSkill", { application_id: appId, user_id: String(user.id), sq_skills: JSON.stringify([{ sq_skill_id: skill.id, sq_skill_level: 1 }]) })).body).toEqual({ result: 1 });
    expect((await callAs(um, "SQ_SetAgentInfo", { application_id: appId, user_id: String(user.id), handle_calls: "false" })).body).toEqual({ result: 1 });
    expect((await callAs(um, "SQ_GetAgents", { application_id: appId })).body).toMatchObject({ total_count: 1 });
    for (const [method, params] of [
      ["SQ_GetQueues", { application_id: appId }],
      ["SQ_AddQueue", { application_id: appId, sq_queue_name: "x", call_agent_selection: "MOST_QUALIFIED", call_task_selection: "MAX_PRIORITY" }],
      ["SQ_BindAgent", { application_id: appId, sq_queue_id: String(queue.id), user_id: "all" }],
    ] as const) {
      expect((await callAs(um, method, params)).body.error?.code, method).toBe(104);
    }
    expect((await callAs(sup, "SQ_DelQueue", { application_id: appId, sq_queue_id: String(queue.id) })).body).toEqual({ result: 1 });
  });
});

describe("SmartQueue in the domain", () => {
  it("Add agent's suggestions: the application's active users in no queue and with no skill, by name, the first 200 and whether there are more", async () => {
    const owner = await acct.actor(OWNER_ROLE);
    const { app: sq, user: agent } = await fixtureSmartQueue({ accountId: acct.id });
    for (const name of ["carol", "ann", "bob"]) await fixtureUser(acct.id, sq.id, name);
    const skilled = await fixtureUser(acct.id, sq.id, "dan");
    await db.sqAgentSkill.create({ data: { userId: skilled.id, skillId: (await fixtureSkill(acct.id, sq.id)).id, accountId: acct.id, level: 1 } });
    await db.appUser.update({ where: { id: (await fixtureUser(acct.id, sq.id, "eve")).id }, data: { active: false } });
    await fixtureUser(acct.id, app.id, "frank");
    expect(await agentCandidates(owner, sq.id)).toEqual({ users: ["ann", "bob", "carol"].map((n) => ({ name: n, displayName: `User ${n}` })), more: false, allAgents: false });
    expect(agent.name).not.toMatch(/^(ann|bob|carol)$/);
    await db.appUser.createMany({ data: Array.from({ length: AGENT_CANDIDATES_SHOWN }, (_, i) => ({ accountId: acct.id, applicationId: sq.id, name: `z${String(i).padStart(3, "0")}`, displayName: "z", passwordHash: "x" })) });
    const names = (await agentCandidates(owner, sq.id)).users.map((u) => u.name);
    expect([names.length, names.slice(0, 4), names.at(-1), (await agentCandidates(owner, sq.id)).more]).toEqual([AGENT_CANDIDATES_SHOWN, ["ann", "bob", "carol", "z000"], "z196", true]);
    // None left: because every active user is an agent, or because there is no user at all.
    const { app: full, user: only } = await fixtureSmartQueue({ accountId: acct.id });
    expect((await agentCandidates(owner, full.id)).allAgents).toBe(true);
    await db.appUser.update({ where: { id: only.id }, data: { active: false } });
    expect(await agentCandidates(owner, full.id)).toEqual({ users: [], more: false, allAgents: false });
    // Only who may see the Queues tab (application.queues): a UserManager may not.
    await expect(agentCandidates(await acct.actor("UserManager"), sq.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("names are unique per application ignoring case; another application may reuse them; errors name the field and write nothing", async () => {
    const owner = await acct.actor(OWNER_ROLE);
    await addSqQueue(owner, { applicationId: app.id, name: "Support", callAgentSelection: "MOST_QUALIFIED", callTaskSelection: "MAX_PRIORITY" });
    const before = await sqRows(acct.id);
    await expect(addSqQueue(owner, { applicationId: app.id, name: "SUPPORT", callAgentSelection: "MOST_QUALIFIED", callTaskSelection: "MAX_PRIORITY" })).rejects.toMatchObject({ code: "CONFLICT", field: "name", reason: "sq_queue_name_taken" });
    await expect(addSqQueue(owner, { applicationId: app.id, name: "", callAgentSelection: "MOST_QUALIFIED", callTaskSelection: "MAX_PRIORITY" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "name", message: "Queue name is required" });
    await expect(addSqQueue(owner, { applicationId: app.id, name: "x", callAgentSelection: "MOST_QUALIFIED", callTaskSelection: "MAX_PRIORITY", priority: 0 })).rejects.toMatchObject({ field: "priority", message: "Priority must be a whole number from 1 to 100" });
    await expect(addSqQueue(owner, { applicationId: app.id, name: "x", callAgentSelection: "MOST_QUALIFIED", callTaskSelection: "MAX_PRIORITY", callMaxQueueSize: 10_001 })).rejects.toMatchObject({ field: "callMaxQueueSize" });
    await expect(addSqQueue(owner, { applicationId: app.id, name: "x", callAgentSelection: "FASTEST" as never, callTaskSelection: "MAX_PRIORITY" })).rejects.toMatchObject({ field: "callAgentSelection" });
    await expect(addSqQueue(owner, { applicationId: app.id, name: "x", description: "d".repeat(201), callAgentSelection: "MOST_QUALIFIED", callTaskSelection: "MAX_PRIORITY" })).rejects.toMatchObject({ field: "description" });
    await addSqSkill(owner, { applicationId: app.id, name: "Billing" });
    await expect(addSqSkill(owner, { applicationId: app.id, name: " billing " })).rejects.toMatchObject({ code: "CONFLICT", field: "name", reason: "sq_skill_name_taken" });
    const sk = await listSqSkills(owner, { applicationId: app.id });
    await expect(setSqSkill(owner, { applicationId: app.id, skillId: sk.items[0]!.id, name: "x".repeat(101) })).rejects.toMatchObject({ field: "name" });
    expect((await sqRows(acct.id)).sqQueues).toEqual(before.sqQueues);
    const other = await fixtureApp(acct.id, "other");
    expect((await addSqQueue(owner, { applicationId: other.id, name: "support", callAgentSelection: "LEAST_QUALIFIED", callTaskSelection: "MAX_WAITING_TIME" })).imTaskSelection).toBe("MAX_WAITING_TIME");
    const q = (await listSqQueues(owner, { applicationId: app.id })).items[0]!;
    await expect(setSqQueue(owner, { applicationId: other.id, queueId: q.id, priority: 3 })).rejects.toMatchObject({ code: "NOT_FOUND", field: "queueId", reason: "sq_queue_not_found" });
  });

  it("a bind naming one missing user or skill writes nothing; modes replace as the reference says", async () => {
    const owner = await acct.actor(OWNER_ROLE);
    const [ann, bob] = [await fixtureUser(acct.id, app.id, "ann"), await fixtureUser(acct.id, app.id, "bob")];
    const [q1, q2] = [await fixtureQueue(acct.id, app.id, "q1"), await fixtureQueue(acct.id, app.id, "q2")];
    const [s1, s2] = [await fixtureSkill(acct.id, app.id, "s1"), await fixtureSkill(acct.id, app.id, "s2")];
    const before = await sqRows(acct.id);
    await expect(bindSqAgents(owner, { applicationId: app.id, queues: { ids: [q1.id] }, users: { names: ["ann", "zed"] } })).rejects.toMatchObject({ code: "NOT_FOUND", field: "users", reason: "user_not_found" });
    await expect(bindSqSkills(owner, { applicationId: app.id, users: { ids: [ann.id] }, skills: [{ skillId: s1.id, level: 2 }, { skillName: "nope", level: 2 }] })).rejects.toMatchObject({ code: "NOT_FOUND", field: "skills", reason: "sq_skill_not_found" });
    await expect(bindSqSkills(owner, { applicationId: app.id, users: { ids: [ann.id] }, skills: [{ skillId: s1.id, level: 2 }, { skillName: "S1", level: 3 }] })).rejects.toMatchObject({ code: "CONFLICT", field: "skills" });
    await expect(bindSqSkills(owner, { applicationId: app.id, users: { ids: [ann.id] }, skills: [{ skillId: s1.id, level: 0 }] })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "skills.0.level" });
    expect(await sqRows(acct.id)).toEqual(before);

    await bindSqAgents(owner, { applicationId: app.id, queues: "all", users: { ids: [ann.id] } });
    await bindSqAgents(owner, { applicationId: app.id, queues: { ids: [q1.id] }, users: { ids: [bob.id] }, mode: "replace_agents" });
    const queueAgents = async () => (await listSqAgents(owner, { applicationId: app.id })).items.map((a) => [a.userName, a.queues.map((q) => q.name)]);
    expect(await queueAgents()).toEqual([["ann", ["q2"]], ["bob", ["q1"]]]);
    await bindSqAgents(owner, { applicationId: app.id, queues: { ids: [q2.id] }, users: { ids: [bob.id] }, mode: "replace" });
    expect(await queueAgents()).toEqual([["ann", []], ["bob", ["q2"]]]);
    await unbindSqAgents(owner, { applicationId: app.id, queues: "all", users: "all" });
    expect(await queueAgents()).toEqual([["ann", []], ["bob", []]]);

    await bindSqSkills(owner, { applicationId: app.id, users: "all", skills: [{ skillId: s1.id, level: 1 }] });
    await bindSqSkills(owner, { applicationId: app.id, users: { ids: [ann.id] }, skills: [{ skillId: s2.id, level: 5 }], mode: "replace_skills" });
    await bindSqSkills(owner, { applicationId: app.id, users: { ids: [bob.id] }, skills: [{ skillId: s1.id, level: 3 }] });
    const skills = async () => (await listSqAgents(owner, { applicationId: app.id })).items.map((a) => [a.userName, a.skills.map((s) => `${s.name}:${s.level}`)]);
    expect(await skills()).toEqual([["ann", ["s2:5"]], ["bob", ["s1:3"]]]);
    await bindSqSkills(owner, { applicationId: app.id, users: { ids: [ann.id] }, skills: [{ skillId: s1.id, level: 2 }], mode: "replace_agents" });
    expect(await skills()).toEqual([["ann", ["s1:2", "s2:5"]], ["bob", []]]);
    await unbindSqSkills(owner, { applicationId: app.id, users: { ids: [ann.id] }, skills: { ids: [s2.id] } });
    expect(await skills()).toEqual([["ann", ["s1:2"]], ["bob", []]]);
    await setSqAgentInfo(owner, { applicationId: app.id, users: { ids: [ann.id] }, maxSimultaneousConversations: 4 });
    expect((await listSqAgents(owner, { applicationId: app.id, userIds: [ann.id] })).items[0]).toMatchObject({ handleCalls: true, maxSimultaneousConversations: 4 });
    await expect(setSqAgentInfo(owner, { applicationId: app.id, users: { ids: [ann.id] }, maxSimultaneousConversations: 101 })).rejects.toMatchObject({ field: "maxSimultaneousConversations" });
  });

  it("deleting a skill, a queue, a user or the application takes its SmartQueue rows with it", async () => {
    const owner = await acct.actor(OWNER_ROLE);
    const { app: a, queue, skill, user } = await fixtureSmartQueue({ accountId: acct.id });
    const other = await fixtureUser(acct.id, a.id);
    await bindSqAgents(owner, { applicationId: a.id, queues: { ids: [queue.id] }, users: { ids: [other.id] } });
    await bindSqSkills(owner, { applicationId: a.id, users: { ids: [other.id] }, skills: [{ skillId: skill.id, level: 2 }] });
    await setSqAgentInfo(owner, { applicationId: a.id, users: { ids: [user.id] }, handleCalls: false });
    await deleteSqSkills(owner, { applicationId: a.id, skills: { ids: [skill.id] } });
    expect(await db.sqAgentSkill.count({ where: { accountId: acct.id } })).toBe(0);
    await deleteAppUsers(owner, { applicationId: a.id, userIds: [user.id] });
    expect(await db.sqQueueAgent.findMany({ where: { accountId: acct.id }, select: { userId: true } })).toEqual([{ userId: other.id }]);
    expect(await db.sqAgentSettings.count({ where: { accountId: acct.id } })).toBe(0);
    await deleteSqQueues(owner, { applicationId: a.id, queues: { names: [queue.name.toUpperCase()] } });
    expect(await db.sqQueueAgent.count({ where: { accountId: acct.id } })).toBe(0);
    const again = await fixtureSmartQueue({ accountId: acct.id });
    await deleteApplications(owner, { applicationIds: [again.app.id] });
    expect(await sqRows(acct.id)).toEqual({ sqQueues: [], sqSkills: [], sqQueueAgents: [], sqAgentSkills: [], sqAgentSettings: [] });
  });

  it("an application holds at most MAX_SQ_QUEUES queues", async () => {
    const owner = await acct.actor(OWNER_ROLE);
    await db.sqQueue.createMany({
      data: Array.from({ length: MAX_SQ_QUEUES }, (_, i) => ({ accountId: acct.id, applicationId: app.id, name: `q${i}`, nameKey: `q${i}`, callAgentSelection: "MOST_QUALIFIED", imAgentSelection: "MOST_QUALIFIED", callTaskSelection: "MAX_PRIORITY", imTaskSelection: "MAX_PRIORITY" })),
    });
    await expect(addSqQueue(owner, { applicationId: app.id, name: "one more", callAgentSelection: "MOST_QUALIFIED", callTaskSelection: "MAX_PRIORITY" })).rejects.toMatchObject({ code: "CONFLICT", reason: "sq_queue_limit", field: "name" });
    expect(await db.sqQueue.count({ where: { applicationId: app.id } })).toBe(MAX_SQ_QUEUES);
  });

  it("panel roles: queues need Queues; skills and agent settings take Queues or Users; others are refused before anything is read", async () => {
    const { app: a, queue, skill, user } = await fixtureSmartQueue({ accountId: acct.id });
    const um = await acct.actor("UserManager");
    await expect(addSqSkill(um, { applicationId: a.id, name: "Chat" }, "application.users")).resolves.toMatchObject({ name: "Chat" });
    await expect(bindSqSkills(um, { applicationId: a.id, users: { ids: [user.id] }, skills: [{ skillId: skill.id, level: 5 }] }, "application.users")).resolves.toBeUndefined();
    await expect(listSqSkills(um, { applicationId: a.id }, "application.users")).resolves.toMatchObject({ total: 2 });
    await expect(listSqSkills(um, { applicationId: a.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(bindSqAgents(um, { applicationId: a.id, queues: { ids: [queue.id] }, users: "all" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    for (const role of ["Support", "Accountant", "CallListManager", "Payer", "PayerNoVerify", "PhoneNumberManager"] as const) {
      const actor = await acct.actor(role);
      await expect(listSqQueues(actor, { applicationId: a.id }), role).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(addSqSkill(actor, { applicationId: a.id, name: "x" }, "application.users"), role).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(deleteSqQueues(actor, { applicationId: a.id, queues: "all" }), role).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const sup = await acct.actor("Supervisor");
    await expect(setSqQueue(sup, { applicationId: a.id, queueId: queue.id, priority: 9 })).resolves.toMatchObject({ priority: 9 });
  });
});
