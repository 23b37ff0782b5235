import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import type { ApiMethod } from "@/lib/access/api-methods";
import { authorize } from "@/lib/access/authorize";
import { audit } from "@/lib/core/audit";
import { conflict, rethrowUnique } from "@/lib/core/errors";
import { lockAccount } from "@/lib/core/locks";
import { parseInput } from "@/lib/core/validate";
import { findOwnApplication, type ApplicationDto } from "@/lib/domains/applications/queries";
import { MAX_SQ_QUEUES, MAX_SQ_SKILLS } from "./client-safe";
import { getSqQueue, getSqSkill, nameKey, resolveQueues, resolveSkills, resolveUsers, type SqQueueDto, type SqSection, type SqSkillDto } from "./queries";
import {
  ZAddSqQueueInput,
  ZAddSqSkillInput,
  ZBindSqAgentsInput,
  ZBindSqSkillsInput,
  ZDelSqQueuesInput,
  ZDelSqSkillsInput,
  ZSetSqAgentInput,
  ZSetSqQueueInput,
  ZSetSqSkillInput,
  ZUnbindSqAgentsInput,
  ZUnbindSqSkillsInput,
  type AddSqQueueInput,
  type AddSqSkillInput,
  type BindSqAgentsInput,
  type BindSqSkillsInput,
  type DelSqQueuesInput,
  type DelSqSkillsInput,
  type SetSqAgentInput,
  type SetSqQueueInput,
  type SetSqSkillInput,
  type UnbindSqAgentsInput,
  type UnbindSqSkillsInput,
  ZSaveSqAgentInput,
  type SaveSqAgentInput,
} from "./schemas";

// Changes to an application's SmartQueue: queues and agent binding are the section
// `application.queues`; skills, binding skills to users and agent settings are also the Users
// page's (`application.users`), the page a caller acts from being `section`. API keys need the
// method's roles. Each change is one transaction with its audit row, scoped by the account and
// the application; a reference naming anything outside the application fails the whole call.

const QUEUES: SqSection = "application.queues";

const queueNameTaken = () => conflict("name", "A queue with this name already exists in this application", "sq_queue_name_taken");
const skillNameTaken = () => conflict("name", "A skill with this name already exists in this application", "sq_skill_name_taken");

/** Authorizes, then runs `fn` in one transaction with the application (558 when not the account's). */
async function inApplication<T>(actor: Actor, section: SqSection, method: ApiMethod, applicationId: number, fn: (tx: Tx, app: ApplicationDto, scope: { accountId: number; applicationId: number }) => Promise<T>): Promise<T> {
  authorize(actor, { section, method });
  return db.$transaction(async (tx) => {
    const app = await findOwnApplication(tx, actor, applicationId);
    return fn(tx, app, { accountId: actor.accountId, applicationId: app.id });
  });
}

/** `o` without `keys`: the settings a queue row takes from an input. */
function withoutKeys<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Omit<T, K> {
  const out = { ...o };
  for (const k of keys) delete out[k];
  return out;
}

async function assertQueueNameFree(tx: Tx, scope: { applicationId: number }, name: string, exceptId?: number): Promise<void> {
  const taken = await tx.sqQueue.findFirst({ where: { applicationId: scope.applicationId, nameKey: nameKey(name), ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { id: true } });
  if (taken) throw queueNameTaken();
}

async function assertSkillNameFree(tx: Tx, scope: { applicationId: number }, name: string, exceptId?: number): Promise<void> {
  const taken = await tx.sqSkill.findFirst({ where: { applicationId: scope.applicationId, nameKey: nameKey(name), ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { id: true } });
  if (taken) throw skillNameTaken();
}

/**
 * SQ_AddQueue / Add queue: names unique per application ignoring case (662), at most
 * MAX_SQ_QUEUES (664). The chat strategies default to the call ones (the reference's rule);
 * priority defaults to 1, the flags to false, the limits to none.
 */
export async function addSqQueue(actor: Actor, input: AddSqQueueInput): Promise<SqQueueDto> {
  const data = parseInput(ZAddSqQueueInput, input);
  try {
    return await inApplication(actor, QUEUES, "SQ_AddQueue", data.applicationId, async (tx, app, scope) => {
      await lockAccount(tx, actor.accountId);
      await assertQueueNameFree(tx, scope, data.name);
      if ((await tx.sqQueue.count({ where: scope })) >= MAX_SQ_QUEUES) {
        throw conflict("name", `An application may hold at most ${MAX_SQ_QUEUES} queues: delete one first`, "sq_queue_limit");
      }
      const { name, ...rest } = data;
      const settings = withoutKeys(rest, ["applicationId"]);
      const q = await tx.sqQueue.create({
        data: {
          ...scope,
          name,
          nameKey: nameKey(name),
          ...settings,
          imAgentSelection: settings.imAgentSelection ?? settings.callAgentSelection,
          imTaskSelection: settings.imTaskSelection ?? settings.callTaskSelection,
        },
        select: { id: true },
      });
      await audit(tx, actor, { action: "sq_queue.create", targetType: "sq_queue", targetId: q.id, detail: { name, application: app.name, applicationId: app.id } });
      return getSqQueue(tx, scope, q.id);
    });
  } catch (e) {
    rethrowUnique(e, queueNameTaken);
  }
}

/** SQ_SetQueueInfo / Edit queue: the name (unique, 662) and any settings given; the rest stay. */
export async function setSqQueue(actor: Actor, input: SetSqQueueInput): Promise<SqQueueDto> {
  const data = parseInput(ZSetSqQueueInput, input);
  try {
    return await inApplication(actor, QUEUES, "SQ_SetQueueInfo", data.applicationId, async (tx, app, scope) => {
      const before = await getSqQueue(tx, scope, data.queueId);
      if (data.name !== undefined) await assertQueueNameFree(tx, scope, data.name, before.id);
      const { name } = data;
      const settings = withoutKeys(data, ["applicationId", "queueId", "name"]);
      await tx.sqQueue.updateMany({ where: { ...scope, id: before.id }, data: { ...settings, ...(name !== undefined ? { name, nameKey: nameKey(name) } : {}) } });
      const changed = Object.keys(settings).filter((k) => settings[k as keyof typeof settings] !== undefined);
      await audit(tx, actor, {
        action: "sq_queue.update",
        targetType: "sq_queue",
        targetId: before.id,
        detail: { name: name ?? before.name, ...(name !== undefined && name !== before.name ? { previousName: before.name } : {}), changed, application: app.name, applicationId: app.id },
      });
      return getSqQueue(tx, scope, before.id);
    });
  } catch (e) {
    rethrowUnique(e, queueNameTaken);
  }
}

/** SQ_DelQueue / Delete queue: the queues named (all or nothing, 660), unbinding their agents. */
export async function deleteSqQueues(actor: Actor, input: DelSqQueuesInput): Promise<{ id: number; name: string }[]> {
  const data = parseInput(ZDelSqQueuesInput, input);
  return inApplication(actor, QUEUES, "SQ_DelQueue", data.applicationId, async (tx, app, scope) => {
    const queues = await resolveQueues(tx, scope, data.queues);
    if (queues.length === 0) return [];
    const ids = queues.map((q) => q.id);
    await tx.sqQueueAgent.deleteMany({ where: { accountId: actor.accountId, queueId: { in: ids } } });
    await tx.sqQueue.deleteMany({ where: { ...scope, id: { in: ids } } });
    await audit(tx, actor, { action: "sq_queue.delete", targetType: "application", targetId: app.id, detail: { queues: queues.map((q) => q.name), application: app.name, applicationId: app.id } });
    return queues;
  });
}

/** SQ_AddSkill / Add skill: names unique per application ignoring case (663), at most MAX_SQ_SKILLS (665). */
export async function addSqSkill(actor: Actor, input: AddSqSkillInput, section: SqSection = QUEUES): Promise<SqSkillDto> {
  const data = parseInput(ZAddSqSkillInput, input);
  try {
    return await inApplication(actor, section, "SQ_AddSkill", data.applicationId, async (tx, app, scope) => {
      await lockAccount(tx, actor.accountId);
      await assertSkillNameFree(tx, scope, data.name);
      if ((await tx.sqSkill.count({ where: scope })) >= MAX_SQ_SKILLS) {
        throw conflict("name", `An application may hold at most ${MAX_SQ_SKILLS} skills: delete one first`, "sq_skill_limit");
      }
      const s = await tx.sqSkill.create({ data: { ...scope, name: data.name, nameKey: nameKey(data.name), description: data.description }, select: { id: true } });
      await audit(tx, actor, { action: "sq_skill.create", targetType: "sq_skill", targetId: s.id, detail: { name: data.name, application: app.name, applicationId: app.id } });
      return getSqSkill(tx, scope, s.id);
    });
  } catch (e) {
    rethrowUnique(e, skillNameTaken);
  }
}

/** SQ_SetSkillInfo / Edit skill: the name (unique, 663) and the description. */
export async function setSqSkill(actor: Actor, input: SetSqSkillInput, section: SqSection = QUEUES): Promise<SqSkillDto> {
  const data = parseInput(ZSetSqSkillInput, input);
  try {
    return await inApplication(actor, section, "SQ_SetSkillInfo", data.applicationId, async (tx, app, scope) => {
      const before = await getSqSkill(tx, scope, data.skillId);
      if (data.name !== undefined) await assertSkillNameFree(tx, scope, data.name, before.id);
      await tx.sqSkill.updateMany({
        where: { ...scope, id: before.id },
        data: { ...(data.name !== undefined ? { name: data.name, nameKey: nameKey(data.name) } : {}), ...(data.description !== undefined ? { description: data.description } : {}) },
      });
      await audit(tx, actor, {
        action: "sq_skill.update",
        targetType: "sq_skill",
        targetId: before.id,
        detail: { name: data.name ?? before.name, ...(data.name !== undefined && data.name !== before.name ? { previousName: before.name } : {}), application: app.name, applicationId: app.id },
      });
      return getSqSkill(tx, scope, before.id);
    });
  } catch (e) {
    rethrowUnique(e, skillNameTaken);
  }
}

/** SQ_DelSkill / Delete skill: the skills named (all or nothing, 661), taken from every agent. */
export async function deleteSqSkills(actor: Actor, input: DelSqSkillsInput, section: SqSection = QUEUES): Promise<{ id: number; name: string }[]> {
  const data = parseInput(ZDelSqSkillsInput, input);
  return inApplication(actor, section, "SQ_DelSkill", data.applicationId, async (tx, app, scope) => {
    const skills = await resolveSkills(tx, scope, data.skills);
    if (skills.length === 0) return [];
    const ids = skills.map((s) => s.id);
    await tx.sqAgentSkill.deleteMany({ where: { accountId: actor.accountId, skillId: { in: ids } } });
    await tx.sqSkill.deleteMany({ where: { ...scope, id: { in: ids } } });
    await audit(tx, actor, { action: "sq_skill.delete", targetType: "application", targetId: app.id, detail: { skills: skills.map((s) => s.name), application: app.name, applicationId: app.id } });
    return skills;
  });
}

/**
 * SQ_BindSkill / the skills dialogs: gives the users the skills at their levels (1..5). Mode
 * `add` adds or re-levels; `replace_skills` makes these each user's only skills;
 * `replace_agents` makes these users the skills' only agents. A skill named twice is refused.
 */
export async function bindSqSkills(actor: Actor, input: BindSqSkillsInput, section: SqSection = QUEUES): Promise<void> {
  const data = parseInput(ZBindSqSkillsInput, input);
  await inApplication(actor, section, "SQ_BindSkill", data.applicationId, async (tx, app, scope) => {
    const users = await resolveUsers(tx, scope, data.users);
    const levels = new Map<number, { name: string; level: number }>();
    for (const item of data.skills) {
      const [skill] = await resolveSkills(tx, scope, item.skillId !== undefined ? { ids: [item.skillId] } : { names: [item.skillName!] }, "skills");
      if (levels.has(skill!.id)) throw conflict("skills", `The skill ${skill!.name} is named twice`);
      levels.set(skill!.id, { name: skill!.name, level: item.level });
    }
    if (users.length === 0) return;
    const userIds = users.map((u) => u.id);
    const skillIds = [...levels.keys()];
    if (data.mode === "replace_skills") await tx.sqAgentSkill.deleteMany({ where: { accountId: actor.accountId, userId: { in: userIds } } });
    if (data.mode === "replace_agents") await tx.sqAgentSkill.deleteMany({ where: { accountId: actor.accountId, skillId: { in: skillIds } } });
    for (const [skillId, { level }] of levels) {
      for (const userId of userIds) {
        await tx.sqAgentSkill.upsert({ where: { userId_skillId: { userId, skillId } }, create: { userId, skillId, level, accountId: actor.accountId }, update: { level } });
      }
    }
    await audit(tx, actor, {
      action: "sq_skill.bind",
      targetType: "application",
      targetId: app.id,
      detail: { users: users.map((u) => u.name), skills: [...levels.values()].map((s) => `${s.name} (${s.level})`), mode: data.mode, application: app.name, applicationId: app.id },
    });
  });
}

/** SQ_UnbindSkill / Remove skill: takes the skills from the users; what they lack already is no error. */
export async function unbindSqSkills(actor: Actor, input: UnbindSqSkillsInput, section: SqSection = QUEUES): Promise<void> {
  const data = parseInput(ZUnbindSqSkillsInput, input);
  await inApplication(actor, section, "SQ_UnbindSkill", data.applicationId, async (tx, app, scope) => {
    const users = await resolveUsers(tx, scope, data.users);
    const skills = await resolveSkills(tx, scope, data.skills);
    const { count } = await tx.sqAgentSkill.deleteMany({ where: { accountId: actor.accountId, userId: { in: users.map((u) => u.id) }, skillId: { in: skills.map((s) => s.id) } } });
    if (count === 0) return;
    await audit(tx, actor, {
      action: "sq_skill.unbind",
      targetType: "application",
      targetId: app.id,
      detail: { users: users.map((u) => u.name), skills: skills.map((s) => s.name), application: app.name, applicationId: app.id },
    });
  });
}

/**
 * SQ_BindAgent / Add agent: binds the users to the queues. `add` / `add_queues` add bindings
 * (already bound is no error); `replace_agents` makes the users the queues' only agents;
 * `replace` also takes the users off every other queue first.
 */
export async function bindSqAgents(actor: Actor, input: BindSqAgentsInput): Promise<void> {
  const data = parseInput(ZBindSqAgentsInput, input);
  await inApplication(actor, QUEUES, "SQ_BindAgent", data.applicationId, async (tx, app, scope) => {
    const queues = await resolveQueues(tx, scope, data.queues);
    const users = await resolveUsers(tx, scope, data.users);
    const queueIds = queues.map((q) => q.id);
    const userIds = users.map((u) => u.id);
    if (data.mode === "replace_agents" || data.mode === "replace") await tx.sqQueueAgent.deleteMany({ where: { accountId: actor.accountId, queueId: { in: queueIds } } });
    if (data.mode === "replace") await tx.sqQueueAgent.deleteMany({ where: { accountId: actor.accountId, userId: { in: userIds } } });
    const bound = await tx.sqQueueAgent.findMany({ where: { accountId: actor.accountId, queueId: { in: queueIds }, userId: { in: userIds } }, select: { queueId: true, userId: true } });
    const have = new Set(bound.map((b) => `${b.queueId}:${b.userId}`));
    const rows = queueIds.flatMap((queueId) => userIds.filter((userId) => !have.has(`${queueId}:${userId}`)).map((userId) => ({ queueId, userId, accountId: actor.accountId })));
    if (rows.length > 0) await tx.sqQueueAgent.createMany({ data: rows });
    if (rows.length === 0 && data.mode.startsWith("add")) return;
    await audit(tx, actor, {
      action: "sq_agent.bind",
      targetType: "application",
      targetId: app.id,
      detail: { users: users.map((u) => u.name), queues: queues.map((q) => q.name), mode: data.mode, application: app.name, applicationId: app.id },
    });
  });
}

/** SQ_UnbindAgent / Remove from queue: what is not bound already is no error. */
export async function unbindSqAgents(actor: Actor, input: UnbindSqAgentsInput): Promise<void> {
  const data = parseInput(ZUnbindSqAgentsInput, input);
  await inApplication(actor, QUEUES, "SQ_UnbindAgent", data.applicationId, async (tx, app, scope) => {
    const queues = await resolveQueues(tx, scope, data.queues);
    const users = await resolveUsers(tx, scope, data.users);
    const { count } = await tx.sqQueueAgent.deleteMany({ where: { accountId: actor.accountId, queueId: { in: queues.map((q) => q.id) }, userId: { in: users.map((u) => u.id) } } });
    if (count === 0) return;
    await audit(tx, actor, {
      action: "sq_agent.unbind",
      targetType: "application",
      targetId: app.id,
      detail: { users: users.map((u) => u.name), queues: queues.map((q) => q.name), application: app.name, applicationId: app.id },
    });
  });
}

/** The agent settings an input gives (those left out stay as they are). */
function agentSettingsChange(data: { handleCalls?: boolean; maxSimultaneousConversations?: number }): { handleCalls?: boolean; maxSimultaneousConversations?: number } {
  return {
    ...(data.handleCalls !== undefined ? { handleCalls: data.handleCalls } : {}),
    ...(data.maxSimultaneousConversations !== undefined ? { maxSimultaneousConversations: data.maxSimultaneousConversations } : {}),
  };
}

/** SQ_SetAgentInfo / Edit agent: whether the users take calls and how many chats at once (defaults: yes, 1). */
export async function setSqAgentInfo(actor: Actor, input: SetSqAgentInput, section: SqSection = QUEUES): Promise<void> {
  const data = parseInput(ZSetSqAgentInput, input);
  await inApplication(actor, section, "SQ_SetAgentInfo", data.applicationId, async (tx, app, scope) => {
    const users = await resolveUsers(tx, scope, data.users);
    const change = agentSettingsChange(data);
    if (users.length === 0 || Object.keys(change).length === 0) return;
    for (const u of users) {
      await tx.sqAgentSettings.upsert({ where: { userId: u.id }, create: { userId: u.id, accountId: actor.accountId, ...change }, update: change });
    }
    await audit(tx, actor, { action: "sq_agent.update", targetType: "application", targetId: app.id, detail: { users: users.map((u) => u.name), ...change, application: app.name, applicationId: app.id } });
  });
}

/**
 * The panel's agent dialogs: one user's queues (`queueIds`, the Queues tab only: section
 * `application.queues`) and skills with levels become exactly those given, and its settings
 * those given; a field left out stays. Empty lists take the user off every queue or skill. The
 * user is named by id or by name (NOT_FOUND 117 on `user`); a queue or skill outside the
 * application is NOT_FOUND on `queueIds` / `skills`; with `newAgent` (Add agent), a user already
 * in a queue or holding a skill is CONFLICT on `user`. One transaction, one audit row.
 */
export async function saveSqAgent(actor: Actor, input: SaveSqAgentInput, section: SqSection = QUEUES): Promise<{ userId: number; userName: string }> {
  const data = parseInput(ZSaveSqAgentInput, input);
  if (data.queueIds !== undefined) authorize(actor, { section: QUEUES, method: "SQ_BindAgent" });
  return inApplication(actor, section, "SQ_SetAgentInfo", data.applicationId, async (tx, app, scope) => {
    const [user] = await resolveUsers(tx, scope, "id" in data.user ? { ids: [data.user.id] } : { names: [data.user.name] }, "user");
    const u = user!;
    if (data.newAgent && ((await tx.sqQueueAgent.count({ where: { userId: u.id } })) > 0 || (await tx.sqAgentSkill.count({ where: { userId: u.id } })) > 0)) {
      throw conflict("user", `${u.name} is already an agent: use Edit agent in its row to change its queues and skills`);
    }
    const queues = data.queueIds ? (data.queueIds.length ? await resolveQueues(tx, scope, { ids: data.queueIds }, "queueIds") : []) : undefined;
    if (data.skills && new Set(data.skills.map((s) => s.skillId)).size !== data.skills.length) throw conflict("skills", "A skill is chosen twice");
    const skills = data.skills ? (data.skills.length ? await resolveSkills(tx, scope, { ids: data.skills.map((s) => s.skillId) }, "skills") : []) : undefined;
    if (queues) {
      await tx.sqQueueAgent.deleteMany({ where: { accountId: actor.accountId, userId: u.id } });
      if (queues.length) await tx.sqQueueAgent.createMany({ data: queues.map((q) => ({ queueId: q.id, userId: u.id, accountId: actor.accountId })) });
    }
    if (data.skills) {
      await tx.sqAgentSkill.deleteMany({ where: { accountId: actor.accountId, userId: u.id } });
      if (data.skills.length) await tx.sqAgentSkill.createMany({ data: data.skills.map((s) => ({ userId: u.id, skillId: s.skillId, level: s.level, accountId: actor.accountId })) });
    }
    const change = agentSettingsChange(data);
    if (Object.keys(change).length) await tx.sqAgentSettings.upsert({ where: { userId: u.id }, create: { userId: u.id, accountId: actor.accountId, ...change }, update: change });
    const skillName = new Map((skills ?? []).map((s) => [s.id, s.name]));
    await audit(tx, actor, {
      action: "sq_agent.update",
      targetType: "app_user",
      targetId: u.id,
      detail: {
        users: [u.name],
        ...(queues ? { queues: queues.map((q) => q.name) } : {}),
        ...(data.skills ? { skills: data.skills.map((s) => `${skillName.get(s.skillId)} (${s.level})`) } : {}),
        ...change,
        application: app.name,
        applicationId: app.id,
      },
    });
    return { userId: u.id, userName: u.name };
  });
}
