import "server-only";
// SmartQueue: SQ_AddQueue, SQ_SetQueueInfo, SQ_DelQueue, SQ_GetQueues, SQ_AddSkill,
// SQ_DelSkill, SQ_SetSkillInfo, SQ_GetSkills, SQ_BindSkill, SQ_UnbindSkill, SQ_BindAgent,
// SQ_UnbindAgent, SQ_GetAgents, SQ_SetAgentInfo, with the official Node client's parameter
// names and result fields (GetSQQueuesResult, GetSQSkillsResult, GetSQAgentsResult). Every
// handler calls lib/domains/queues, the same functions as the application's Queues and Users
// tabs. Not here: the custom status mappings and the realtime and history metrics (no call
// centre runs behind this panel to measure).
import { z } from "zod";
import { addSqQueue, addSqSkill, bindSqAgents, bindSqSkills, deleteSqQueues, deleteSqSkills, setSqAgentInfo, setSqQueue, setSqSkill, unbindSqAgents, unbindSqSkills } from "./mutations";
import { listSqAgents, listSqQueues, listSqSkills, sqQueueIdByName, sqSkillIdByName, type SqAgentDto, type SqQueueDto, type SqSkillDto } from "./queries";
import { SQ_AGENT_BIND_MODES, SQ_SKILL_BIND_MODES, ZSqAgentSelection, ZSqDescription, ZSqQueueName, ZSqSkillName, ZSqTaskSelection } from "./schemas";
import { SQ_MAX_CONVERSATIONS, SQ_MAX_QUEUE_SIZE, SQ_MAX_WAITING_SECONDS, SQ_PRIORITY_MAX, SQ_PRIORITY_MIN, SQ_SKILL_LEVEL_MAX, SQ_SKILL_LEVEL_MIN } from "./client-safe";
import { AppError } from "@/lib/core/errors";
import { API_ERROR, type ErrorMapping } from "@/lib/api/errors";
import { DONE_RESPONSE, defineMethod, done, listResponse, ok, okResponse, page, type OneOf, type RegisteredMethod } from "@/lib/api/registry";
import * as w from "@/lib/api/wire";
import { APP_REF_FIELDS, APP_REF_ONE_OF, appRefParams, resolveAppRef } from "@/lib/domains/applications/api";

const GROUP = "SmartQueue";

// Wire structures.

const minutes = (seconds: number | null) => (seconds === null ? undefined : Math.ceil(seconds / 60));

export const ZSqQueueInfo = z
  .object({
    sq_queue_id: z.number().int(),
    sq_queue_name: z.string(),
    agent_selection: z.string().meta({ description: "The calls' agent selection strategy (as call_agent_selection)" }),
    task_selection: z.string().meta({ description: "The calls' task selection strategy (as call_task_selection)" }),
    hold_calls_if_inactive_agents: z.boolean(),
    hold_im_if_inactive_agents: z.boolean(),
    description: z.string(),
    created: w.timestamp,
    modified: w.timestamp,
    call_max_waiting_time: z.number().int().optional().meta({ description: "Minutes, rounded up; absent when not set" }),
    call_max_waiting_time_in_seconds: z.number().int().optional(),
    im_max_waiting_time: z.number().int().optional().meta({ description: "Minutes, rounded up; absent when not set" }),
    im_max_waiting_time_in_seconds: z.number().int().optional(),
    call_max_queue_size: z.number().int().optional(),
    im_max_queue_size: z.number().int().optional(),
    agentcount: z.number().int().optional().meta({ description: "The number of agents bound to the queue (with_agentcount=true)" }),
    priority: z.number().int().meta({ description: "Ours: the queue's priority, 1 to 100" }),
    call_agent_selection: z.string().meta({ description: "Ours: as set by SQ_AddQueue / SQ_SetQueueInfo" }),
    im_agent_selection: z.string().meta({ description: "Ours: as set by SQ_AddQueue / SQ_SetQueueInfo" }),
    call_task_selection: z.string().meta({ description: "Ours: as set by SQ_AddQueue / SQ_SetQueueInfo" }),
    im_task_selection: z.string().meta({ description: "Ours: as set by SQ_AddQueue / SQ_SetQueueInfo" }),
  })
  .meta({ id: "GetSQQueuesResult" });

export function sqQueueInfo(q: SqQueueDto, withAgentCount = false): z.output<typeof ZSqQueueInfo> {
  return {
    sq_queue_id: q.id,
    sq_queue_name: q.name,
    agent_selection: q.callAgentSelection,
    task_selection: q.callTaskSelection,
    hold_calls_if_inactive_agents: q.holdCallsIfInactiveAgents,
    hold_im_if_inactive_agents: q.holdImIfInactiveAgents,
    description: q.description,
    created: w.formatApiDate(q.createdAt),
    modified: w.formatApiDate(q.updatedAt),
    ...(q.callMaxWaitingSeconds !== null ? { call_max_waiting_time: minutes(q.callMaxWaitingSeconds), call_max_waiting_time_in_seconds: q.callMaxWaitingSeconds } : {}),
    ...(q.imMaxWaitingSeconds !== null ? { im_max_waiting_time: minutes(q.imMaxWaitingSeconds), im_max_waiting_time_in_seconds: q.imMaxWaitingSeconds } : {}),
    ...(q.callMaxQueueSize !== null ? { call_max_queue_size: q.callMaxQueueSize } : {}),
    ...(q.imMaxQueueSize !== null ? { im_max_queue_size: q.imMaxQueueSize } : {}),
    ...(withAgentCount ? { agentcount: q.agentCount } : {}),
    priority: q.priority,
    call_agent_selection: q.callAgentSelection,
    im_agent_selection: q.imAgentSelection,
    call_task_selection: q.callTaskSelection,
    im_task_selection: q.imTaskSelection,
  };
}

export const ZSqSkillInfo = z
  .object({ sq_skill_id: z.number().int(), sq_skill_name: z.string(), description: z.string(), created: w.timestamp, modified: w.timestamp })
  .meta({ id: "GetSQSkillsResult" });

export function sqSkillInfo(s: SqSkillDto): z.output<typeof ZSqSkillInfo> {
  return { sq_skill_id: s.id, sq_skill_name: s.name, description: s.description, created: w.formatApiDate(s.createdAt), modified: w.formatApiDate(s.updatedAt) };
}

const ZAgentQueue = z.object({ sq_queue_id: z.number().int(), sq_queue_name: z.string() });
const ZAgentSkill = z.object({ sq_skill_id: z.number().int(), sq_skill_name: z.string(), sq_skill_level: z.number().int() }).meta({ id: "SmartQueueAgentSkill" });

export const ZSqAgentInfo = z
  .object({
    user_id: z.number().int(),
    user_name: z.string(),
    user_display_name: z.string(),
    max_simultaneous_conversations: z.number().int(),
    handle_calls: z.boolean().meta({ description: "Ours: whether the agent takes calls (SQ_SetAgentInfo handle_calls)" }),
    sq_queues: z.array(ZAgentQueue).optional().meta({ description: "The agent's queues (with_sq_queues=true)" }),
    sq_skills: z.array(ZAgentSkill).optional().meta({ description: "The agent's skills with levels (with_sq_skills=true)" }),
  })
  .meta({ id: "GetSQAgentsResult" });

export function sqAgentInfo(a: SqAgentDto, opts: { queues?: boolean; skills?: boolean } = {}): z.output<typeof ZSqAgentInfo> {
  return {
    user_id: a.userId,
    user_name: a.userName,
    user_display_name: a.displayName,
    max_simultaneous_conversations: a.maxSimultaneousConversations,
    handle_calls: a.handleCalls,
    ...(opts.queues ? { sq_queues: a.queues.map((q) => ({ sq_queue_id: q.id, sq_queue_name: q.name })) } : {}),
    ...(opts.skills ? { sq_skills: a.skills.map((s) => ({ sq_skill_id: s.id, sq_skill_name: s.name, sq_skill_level: s.level })) } : {}),
  };
}

// Parameters.

const INVALID_USER_ID = API_ERROR.INVALID_USER_ID;
const queueId = w.id(API_ERROR.INVALID_SQ_QUEUE, { description: "The queue id" });
const queueIds = w.idListOrAll({ apiCode: API_ERROR.INVALID_SQ_QUEUE, description: "The queue ids" });
const queueNames = w.stringList(z.string().max(200), { description: "The queue names (instead of sq_queue_id)" });
const skillIds = w.idListOrAll({ apiCode: API_ERROR.INVALID_SQ_SKILL, description: "The skill ids" });
const skillNames = w.stringList(z.string().max(200), { description: "The skill names (instead of sq_skill_id)" });
const userIds = w.idListOrAll({ apiCode: INVALID_USER_ID, description: "The user ids" });
const userNames = w.stringList(z.string().max(200), { description: "The user names (instead of user_id)" });
const description = w.text(ZSqDescription, { description: "A comment, up to 200 characters" });
const waitMinutes = (kind: string) => w.int({ min: 1, max: SQ_MAX_WAITING_SECONDS / 60, description: `The most minutes a ${kind} waits for an agent (1..1440)` }).optional();
const waitSeconds = (kind: string) => w.int({ min: 1, max: SQ_MAX_WAITING_SECONDS, description: `The most seconds a ${kind} waits for an agent (1..86400)` }).optional();
const queueSize = (kind: string) => w.int({ min: 1, max: SQ_MAX_QUEUE_SIZE, description: `The most ${kind}s the queue holds (1..10000)` }).optional();

const QUEUE_SETTINGS = {
  call_agent_selection: w.text(z.string().pipe(ZSqAgentSelection), { description: "MOST_QUALIFIED, LEAST_QUALIFIED or MAX_WAITING_TIME" }),
  call_task_selection: w.text(z.string().pipe(ZSqTaskSelection), { description: "MAX_PRIORITY or MAX_WAITING_TIME" }),
  im_agent_selection: w.text(z.string().pipe(ZSqAgentSelection), { description: "As call_agent_selection, for chats (default: call_agent_selection)" }).optional(),
  im_task_selection: w.text(z.string().pipe(ZSqTaskSelection), { description: "As call_task_selection, for chats (default: call_task_selection)" }).optional(),
  hold_calls_if_inactive_agents: w.bool({ description: "Keep calls queued while every agent is inactive" }).optional(),
  hold_im_if_inactive_agents: w.bool({ description: "Keep chats queued while every agent is inactive" }).optional(),
  description: description.optional(),
  call_max_waiting_time: waitMinutes("call"),
  call_max_waiting_time_in_seconds: waitSeconds("call"),
  im_max_waiting_time: waitMinutes("chat"),
  im_max_waiting_time_in_seconds: waitSeconds("chat"),
  call_max_queue_size: queueSize("call"),
  im_max_queue_size: queueSize("chat"),
  priority: w.int({ min: SQ_PRIORITY_MIN, max: SQ_PRIORITY_MAX, description: "The queue's priority, 1 to 100" }).optional(),
};
type QueueSettingParams = { [K in keyof typeof QUEUE_SETTINGS]?: z.output<(typeof QUEUE_SETTINGS)[K]> };

const WAIT_ONE_OF: OneOf[] = [
  { params: ["call_max_waiting_time", "call_max_waiting_time_in_seconds"], required: false },
  { params: ["im_max_waiting_time", "im_max_waiting_time_in_seconds"], required: false },
];

/** The wire's queue settings -> the domain's (waiting times in seconds). */
function queueSettings(p: QueueSettingParams) {
  const seconds = (min?: number, sec?: number) => (min !== undefined ? min * 60 : sec);
  return {
    callAgentSelection: p.call_agent_selection,
    callTaskSelection: p.call_task_selection,
    imAgentSelection: p.im_agent_selection,
    imTaskSelection: p.im_task_selection,
    holdCallsIfInactiveAgents: p.hold_calls_if_inactive_agents,
    holdImIfInactiveAgents: p.hold_im_if_inactive_agents,
    description: p.description,
    callMaxWaitingSeconds: seconds(p.call_max_waiting_time, p.call_max_waiting_time_in_seconds),
    imMaxWaitingSeconds: seconds(p.im_max_waiting_time, p.im_max_waiting_time_in_seconds),
    callMaxQueueSize: p.call_max_queue_size,
    imMaxQueueSize: p.im_max_queue_size,
    priority: p.priority,
  };
}

/** An id list (or all) or a name list -> the domain's reference (one of them is sent: the method's oneOf). */
function ref(ids: number[] | "all" | undefined, names: string[] | undefined) {
  return ids === "all" ? ("all" as const) : ids ? { ids } : { names: names ?? [] };
}

const ERRORS: ErrorMapping = {
  fields: {
    ...APP_REF_FIELDS,
    queueId: ["sq_queue_id", "sq_queue_name"],
    queues: ["sq_queue_id", "sq_queue_name"],
    skillId: ["sq_skill_id", "sq_skill_name"],
    skills: ["sq_skill_id", "sq_skill_name", "sq_skills"],
    users: ["user_id", "user_name"],
    description: "description",
    priority: "priority",
    callAgentSelection: "call_agent_selection",
    imAgentSelection: "im_agent_selection",
    callTaskSelection: "call_task_selection",
    imTaskSelection: "im_task_selection",
    callMaxWaitingSeconds: ["call_max_waiting_time", "call_max_waiting_time_in_seconds"],
    imMaxWaitingSeconds: ["im_max_waiting_time", "im_max_waiting_time_in_seconds"],
    callMaxQueueSize: "call_max_queue_size",
    imMaxQueueSize: "im_max_queue_size",
    maxSimultaneousConversations: "max_simultaneous_conversations",
    handleCalls: "handle_calls",
  },
};
const withName = (name: string): ErrorMapping => ({ fields: { ...ERRORS.fields, name } });

/** A JSON array parameter of objects, each read by `item` (a message, or the value). */
function jsonArray<T>(item: (o: Record<string, unknown>) => T | string, doc: string) {
  return w.text(
    z.string().transform((v, ctx): T[] => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(v);
      } catch {
        parsed = undefined;
      }
      if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((o) => typeof o === "object" && o !== null && !Array.isArray(o))) {
        ctx.addIssue({ code: "custom", message: `must be a JSON array of objects: ${doc}` });
        return z.NEVER;
      }
      const out: T[] = [];
      for (const o of parsed as Record<string, unknown>[]) {
        const r = item(o);
        if (typeof r === "string") {
          ctx.addIssue({ code: "custom", message: r });
          return z.NEVER;
        }
        out.push(r);
      }
      return out;
    }),
    { description: `A JSON array of ${doc}` },
  );
}

/** sq_skill_id (a number or a decimal string) or sq_skill_name, one of the two. */
function skillOf(o: Record<string, unknown>): { skillId?: number; skillName?: string } | string {
  const id = o.sq_skill_id;
  const name = o.sq_skill_name;
  if ((id === undefined) === (name === undefined)) return "each skill needs sq_skill_id or sq_skill_name (one of the two)";
  if (id !== undefined) {
    const n = typeof id === "string" && /^\d{1,9}$/.test(id) ? Number(id) : id;
    return typeof n === "number" && Number.isInteger(n) && n > 0 ? { skillId: n } : "sq_skill_id must be a skill id";
  }
  return typeof name === "string" && name.trim() !== "" ? { skillName: name } : "sq_skill_name must be a skill name";
}

const level = (v: unknown) => (typeof v === "string" && /^\d$/.test(v) ? Number(v) : v);

const skillLevels = jsonArray((o) => {
  const s = skillOf(o);
  return typeof s === "string" ? s : { ...s, level: level(o.sq_skill_level) };
}, `{"sq_skill_id" or "sq_skill_name", "sq_skill_level" (${SQ_SKILL_LEVEL_MIN}..${SQ_SKILL_LEVEL_MAX})}`);

const skillFilters = jsonArray((o) => {
  const s = skillOf(o);
  return typeof s === "string" ? s : { ...s, minLevel: level(o.min_sq_skill_level) ?? undefined, maxLevel: level(o.max_sq_skill_level) ?? undefined };
}, `{"sq_skill_id" or "sq_skill_name", "min_sq_skill_level", "max_sq_skill_level"}`);

const QUEUE_REF_ONE_OF: OneOf = { params: ["sq_queue_id", "sq_queue_name"], required: true };
const SKILL_REF_ONE_OF: OneOf = { params: ["sq_skill_id", "sq_skill_name"], required: true };
const USER_REF_ONE_OF: OneOf = { params: ["user_id", "user_name"], required: true };

// Methods.

export const sqAddQueueMethod = defineMethod({
  name: "SQ_AddQueue",
  group: GROUP,
  summary: "Adds a queue to the application. Names are unique per application ignoring case (662); at most 100 queues (664). Give a waiting time in minutes or in seconds, not both.",
  params: z.object({ ...appRefParams, sq_queue_name: w.text(ZSqQueueName, { description: "Unique in the application, up to 100 characters" }), ...QUEUE_SETTINGS }),
  oneOf: [APP_REF_ONE_OF(true), ...WAIT_ONE_OF],
  response: okResponse(z.object({ sq_queue_id: z.number().int() }).meta({ id: "SQAddQueueResult" })),
  errors: withName("sq_queue_name"),
  async handler(p, { actor }) {
    const app = await resolveAppRef(actor, p);
    const q = await addSqQueue(actor, { applicationId: app.id, name: p.sq_queue_name, ...queueSettings(p) } as Parameters<typeof addSqQueue>[1]);
    return ok({ sq_queue_id: q.id });
  },
});

export const sqSetQueueInfoMethod = defineMethod({
  name: "SQ_SetQueueInfo",
  group: GROUP,
  summary: "Changes a queue (by sq_queue_id or sq_queue_name): its name (new_sq_queue_name) and any settings given; the others stay.",
  params: z.object({
    ...appRefParams,
    sq_queue_id: queueId.optional(),
    sq_queue_name: w.optionalText(z.string().max(200), "The queue's name (instead of sq_queue_id)"),
    new_sq_queue_name: w.text(ZSqQueueName, { description: "The new name" }).optional(),
    ...QUEUE_SETTINGS,
    call_agent_selection: QUEUE_SETTINGS.call_agent_selection.optional(),
    call_task_selection: QUEUE_SETTINGS.call_task_selection.optional(),
  }),
  oneOf: [APP_REF_ONE_OF(true), QUEUE_REF_ONE_OF, ...WAIT_ONE_OF],
  response: DONE_RESPONSE,
  errors: withName("new_sq_queue_name"),
  async handler(p, { actor }) {
    const app = await resolveAppRef(actor, p);
    const id = p.sq_queue_id ?? (await sqQueueIdByName(actor, app.id, p.sq_queue_name ?? ""));
    await setSqQueue(actor, { applicationId: app.id, queueId: id, name: p.new_sq_queue_name, ...queueSettings(p) });
    return done();
  },
});

export const sqDelQueueMethod = defineMethod({
  name: "SQ_DelQueue",
  group: GROUP,
  summary: "Deletes queues (ids, all, or names), unbinding their agents. All or nothing.",
  params: z.object({ ...appRefParams, sq_queue_id: queueIds.optional(), sq_queue_name: queueNames.optional() }),
  oneOf: [APP_REF_ONE_OF(true), QUEUE_REF_ONE_OF],
  response: DONE_RESPONSE,
  errors: ERRORS,
  async handler(p, { actor }) {
    const app = await resolveAppRef(actor, p);
    await deleteSqQueues(actor, { applicationId: app.id, queues: ref(p.sq_queue_id, p.sq_queue_name) });
    return done();
  },
});

export const sqGetQueuesMethod = defineMethod({
  name: "SQ_GetQueues",
  group: GROUP,
  summary: "The application's queues by id, filtered by ids, names, a name part (ignoring case), a user bound to them (user_id / user_name) or not (excluded_user_id / excluded_user_name).",
  params: z.object({
    ...appRefParams,
    sq_queue_id: w.intList({ apiCode: API_ERROR.INVALID_SQ_QUEUE, description: "The queue ids" }).optional(),
    sq_queue_name: queueNames.optional(),
    sq_queue_name_template: w.optionalText(z.string().max(200), "Only queues whose name contains this (ignoring case)"),
    user_id: w.id(INVALID_USER_ID, { description: "Only queues this user is bound to" }).optional(),
    user_name: w.optionalText(z.string().max(200), "Only queues this user is bound to (instead of user_id)"),
    excluded_user_id: w.id(INVALID_USER_ID, { description: "Only queues this user is not bound to" }).optional(),
    excluded_user_name: w.optionalText(z.string().max(200), "Only queues this user is not bound to (instead of excluded_user_id)"),
    with_agentcount: w.bool({ description: "Include agentcount, the number of agents bound" }).optional(),
    ...w.paging,
  }),
  oneOf: [APP_REF_ONE_OF(true), { params: ["sq_queue_id", "sq_queue_name"], required: false }, { params: ["user_id", "user_name"], required: false }, { params: ["excluded_user_id", "excluded_user_name"], required: false }],
  response: listResponse(ZSqQueueInfo),
  errors: { fields: { ...ERRORS.fields, userId: ["user_id", "user_name"], excludedUserId: ["excluded_user_id", "excluded_user_name"] } },
  async handler(p, { actor }) {
    const app = await resolveAppRef(actor, p);
    const userId = await userIdOf(actor, app.id, p.user_id, p.user_name, "users");
    const excludedUserId = await userIdOf(actor, app.id, p.excluded_user_id, p.excluded_user_name, "excludedUserId");
    const r = await listSqQueues(actor, { applicationId: app.id, queueIds: p.sq_queue_id, names: p.sq_queue_name, namePart: p.sq_queue_name_template, userId, excludedUserId, count: p.count, offset: p.offset });
    return page(r.items.map((q) => sqQueueInfo(q, p.with_agentcount === true)), r.total);
  },
});

export const sqAddSkillMethod = defineMethod({
  name: "SQ_AddSkill",
  group: GROUP,
  summary: "Adds a skill to the application. Names are unique per application ignoring case (663); at most 500 skills (665).",
  params: z.object({ ...appRefParams, sq_skill_name: w.text(ZSqSkillName, { description: "Unique in the application, up to 100 characters" }), description: description.optional() }),
  oneOf: [APP_REF_ONE_OF(true)],
  response: okResponse(z.object({ sq_skill_id: z.number().int() }).meta({ id: "SQAddSkillResult" })),
  errors: withName("sq_skill_name"),
  async handler(p, { actor }) {
    const app = await resolveAppRef(actor, p);
    const s = await addSqSkill(actor, { applicationId: app.id, name: p.sq_skill_name, description: p.description });
    return ok({ sq_skill_id: s.id });
  },
});

export const sqDelSkillMethod = defineMethod({
  name: "SQ_DelSkill",
  group: GROUP,
  summary: "Deletes skills (ids, all, or names) and takes them from every agent. All or nothing.",
  params: z.object({ ...appRefParams, sq_skill_id: skillIds.optional(), sq_skill_name: skillNames.optional() }),
  oneOf: [APP_REF_ONE_OF(true), SKILL_REF_ONE_OF],
  response: DONE_RESPONSE,
  errors: ERRORS,
  async handler(p, { actor }) {
    const app = await resolveAppRef(actor, p);
    await deleteSqSkills(actor, { applicationId: app.id, skills: ref(p.sq_skill_id, p.sq_skill_name) });
    return done();
  },
});

export const sqSetSkillInfoMethod = defineMethod({
  name: "SQ_SetSkillInfo",
  group: GROUP,
  summary: "Changes a skill (by sq_skill_id or sq_skill_name): its name (new_sq_skill_name) and description.",
  params: z.object({
    ...appRefParams,
    sq_skill_id: w.id(API_ERROR.INVALID_SQ_SKILL, { description: "The skill id" }).optional(),
    sq_skill_name: w.optionalText(z.string().max(200), "The skill's name (instead of sq_skill_id)"),
    new_sq_skill_name: w.text(ZSqSkillName, { description: "The new name" }).optional(),
    description: description.optional(),
  }),
  oneOf: [APP_REF_ONE_OF(true), SKILL_REF_ONE_OF],
  response: DONE_RESPONSE,
  errors: withName("new_sq_skill_name"),
  async handler(p, { actor }) {
    const app = await resolveAppRef(actor, p);
    const id = p.sq_skill_id ?? (await sqSkillIdByName(actor, app.id, p.sq_skill_name ?? ""));
    await setSqSkill(actor, { applicationId: app.id, skillId: id, name: p.new_sq_skill_name, description: p.description });
    return done();
  },
});

export const sqGetSkillsMethod = defineMethod({
  name: "SQ_GetSkills",
  group: GROUP,
  summary: "The application's skills by id, filtered by ids, names, a name part (ignoring case), the users holding them, or a user lacking them.",
  params: z.object({
    ...appRefParams,
    user_id: w.intList({ apiCode: INVALID_USER_ID, description: "Only skills any of these users has" }).optional(),
    user_name: userNames.optional(),
    sq_skill_id: w.intList({ apiCode: API_ERROR.INVALID_SQ_SKILL, description: "The skill ids" }).optional(),
    sq_skill_name: skillNames.optional(),
    sq_skill_name_template: w.optionalText(z.string().max(200), "Only skills whose name contains this (ignoring case)"),
    excluded_user_id: w.id(INVALID_USER_ID, { description: "Only skills this user lacks" }).optional(),
    excluded_user_name: w.optionalText(z.string().max(200), "Only skills this user lacks (instead of excluded_user_id)"),
    ...w.paging,
  }),
  oneOf: [APP_REF_ONE_OF(true), { params: ["user_id", "user_name"], required: false }, { params: ["sq_skill_id", "sq_skill_name"], required: false }, { params: ["excluded_user_id", "excluded_user_name"], required: false }],
  response: listResponse(ZSqSkillInfo),
  errors: { fields: { ...ERRORS.fields, excludedUserId: ["excluded_user_id", "excluded_user_name"] } },
  async handler(p, { actor }) {
    const app = await resolveAppRef(actor, p);
    const userIds = p.user_name ? await userIdsOf(actor, app.id, p.user_name) : p.user_id;
    const excludedUserId = await userIdOf(actor, app.id, p.excluded_user_id, p.excluded_user_name, "excludedUserId");
    const r = await listSqSkills(actor, { applicationId: app.id, skillIds: p.sq_skill_id, names: p.sq_skill_name, namePart: p.sq_skill_name_template, userIds, excludedUserId, count: p.count, offset: p.offset });
    return page(r.items.map(sqSkillInfo), r.total);
  },
});

export const sqBindSkillMethod = defineMethod({
  name: "SQ_BindSkill",
  group: GROUP,
  summary: `Gives users (ids, all, or names) skills at levels ${SQ_SKILL_LEVEL_MIN}..${SQ_SKILL_LEVEL_MAX}. bind_mode: add (default; a level given again replaces the old), replace_skills (these become each user's only skills), replace_agents (these users become the skills' only agents).`,
  params: z.object({
    ...appRefParams,
    user_id: userIds.optional(),
    user_name: userNames.optional(),
    sq_skills: skillLevels,
    bind_mode: w.optionalText(z.enum(SQ_SKILL_BIND_MODES), SQ_SKILL_BIND_MODES.join(", ")),
  }),
  oneOf: [APP_REF_ONE_OF(true), USER_REF_ONE_OF],
  response: DONE_RESPONSE,
  errors: { fields: { ...ERRORS.fields, skills: "sq_skills" } },
  async handler(p, { actor }) {
    const app = await resolveAppRef(actor, p);
    await bindSqSkills(actor, { applicationId: app.id, users: ref(p.user_id, p.user_name), skills: p.sq_skills, mode: p.bind_mode });
    return done();
  },
});

export const sqUnbindSkillMethod = defineMethod({
  name: "SQ_UnbindSkill",
  group: GROUP,
  summary: "Takes skills (ids, all, or names) from users (ids, all, or names). What a user lacks already is no error.",
  params: z.object({ ...appRefParams, user_id: userIds.optional(), user_name: userNames.optional(), sq_skill_id: skillIds.optional(), sq_skill_name: skillNames.optional() }),
  oneOf: [APP_REF_ONE_OF(true), USER_REF_ONE_OF, SKILL_REF_ONE_OF],
  response: DONE_RESPONSE,
  errors: ERRORS,
  async handler(p, { actor }) {
    const app = await resolveAppRef(actor, p);
    await unbindSqSkills(actor, { applicationId: app.id, users: ref(p.user_id, p.user_name), skills: ref(p.sq_skill_id, p.sq_skill_name) });
    return done();
  },
});

export const sqBindAgentMethod = defineMethod({
  name: "SQ_BindAgent",
  group: GROUP,
  summary: "Binds users (ids, all, or names) to queues (ids, all, or names) as agents. bind_mode: add or add_queues (default add; already bound is no error), replace_agents (these users become the queues' only agents), replace (the users also leave every other queue).",
  params: z.object({
    ...appRefParams,
    sq_queue_id: queueIds.optional(),
    sq_queue_name: queueNames.optional(),
    user_id: userIds.optional(),
    user_name: userNames.optional(),
    bind_mode: w.optionalText(z.enum(SQ_AGENT_BIND_MODES), SQ_AGENT_BIND_MODES.join(", ")),
  }),
  oneOf: [APP_REF_ONE_OF(true), QUEUE_REF_ONE_OF, USER_REF_ONE_OF],
  response: DONE_RESPONSE,
  errors: ERRORS,
  async handler(p, { actor }) {
    const app = await resolveAppRef(actor, p);
    await bindSqAgents(actor, { applicationId: app.id, queues: ref(p.sq_queue_id, p.sq_queue_name), users: ref(p.user_id, p.user_name), mode: p.bind_mode });
    return done();
  },
});

export const sqUnbindAgentMethod = defineMethod({
  name: "SQ_UnbindAgent",
  group: GROUP,
  summary: "Unbinds users (ids, all, or names) from queues (ids, all, or names). What is not bound already is no error.",
  params: z.object({ ...appRefParams, sq_queue_id: queueIds.optional(), sq_queue_name: queueNames.optional(), user_id: userIds.optional(), user_name: userNames.optional() }),
  oneOf: [APP_REF_ONE_OF(true), QUEUE_REF_ONE_OF, USER_REF_ONE_OF],
  response: DONE_RESPONSE,
  errors: ERRORS,
  async handler(p, { actor }) {
    const app = await resolveAppRef(actor, p);
    await unbindSqAgents(actor, { applicationId: app.id, queues: ref(p.sq_queue_id, p.sq_queue_name), users: ref(p.user_id, p.user_name) });
    return done();
  },
});

export const sqGetAgentsMethod = defineMethod({
  name: "SQ_GetAgents",
  group: GROUP,
  summary:
    "The application's users as agents, by user id: filtered by queues (ids, all, or names) or a queue they are not in, skills within level ranges, ids, names, a name part (ignoring case) and handle_calls. Agent statuses are not kept here (no sq_statuses).",
  params: z.object({
    ...appRefParams,
    handle_calls: w.bool({ description: "Only agents that take calls (true) or not (false)" }).optional(),
    sq_queue_id: queueIds.optional(),
    sq_queue_name: queueNames.optional(),
    excluded_sq_queue_id: queueId.optional(),
    excluded_sq_queue_name: w.optionalText(z.string().max(200), "Only agents not in this queue (instead of excluded_sq_queue_id)"),
    sq_skills: skillFilters.optional(),
    user_id: w.intList({ apiCode: INVALID_USER_ID, description: "The user ids" }).optional(),
    user_name: userNames.optional(),
    user_name_template: w.optionalText(z.string().max(200), "Only users whose name contains this (ignoring case)"),
    with_sq_skills: w.bool({ description: "Include sq_skills, the agent's skills and levels" }).optional(),
    with_sq_queues: w.bool({ description: "Include sq_queues, the agent's queues" }).optional(),
    ...w.paging,
  }),
  oneOf: [APP_REF_ONE_OF(true), { params: ["sq_queue_id", "sq_queue_name"], required: false }, { params: ["excluded_sq_queue_id", "excluded_sq_queue_name"], required: false }, { params: ["user_id", "user_name"], required: false }],
  response: listResponse(ZSqAgentInfo),
  errors: { fields: { ...ERRORS.fields, skills: "sq_skills", excludedQueueId: ["excluded_sq_queue_id", "excluded_sq_queue_name"], userIds: "user_id" } },
  async handler(p, { actor }) {
    const app = await resolveAppRef(actor, p);
    const excludedQueueId = p.excluded_sq_queue_id ?? (p.excluded_sq_queue_name !== undefined ? await sqQueueIdByName(actor, app.id, p.excluded_sq_queue_name) : undefined);
    const hasQueues = p.sq_queue_id !== undefined || p.sq_queue_name !== undefined;
    const r = await listSqAgents(actor, {
      applicationId: app.id,
      queues: hasQueues ? ref(p.sq_queue_id, p.sq_queue_name) : undefined,
      excludedQueueId,
      skills: p.sq_skills,
      userIds: p.user_id,
      userNames: p.user_name,
      userNamePart: p.user_name_template,
      handleCalls: p.handle_calls,
      count: p.count,
      offset: p.offset,
    });
    return page(r.items.map((a) => sqAgentInfo(a, { queues: p.with_sq_queues, skills: p.with_sq_skills })), r.total);
  },
});

export const sqSetAgentInfoMethod = defineMethod({
  name: "SQ_SetAgentInfo",
  group: GROUP,
  summary: `Sets whether users (ids, all, or names) take calls, and how many chats each handles at once (1..${SQ_MAX_CONVERSATIONS}; default 1).`,
  params: z.object({
    ...appRefParams,
    user_id: userIds.optional(),
    user_name: userNames.optional(),
    handle_calls: w.bool({ description: "Whether the agents take calls; false keeps them out of the calls' distribution" }),
    max_simultaneous_conversations: w.int({ min: 1, max: SQ_MAX_CONVERSATIONS, description: "The most chats an agent handles at once" }).optional(),
  }),
  oneOf: [APP_REF_ONE_OF(true), USER_REF_ONE_OF],
  response: DONE_RESPONSE,
  errors: ERRORS,
  async handler(p, { actor }) {
    const app = await resolveAppRef(actor, p);
    await setSqAgentInfo(actor, { applicationId: app.id, users: ref(p.user_id, p.user_name), handleCalls: p.handle_calls, maxSimultaneousConversations: p.max_simultaneous_conversations });
    return done();
  },
});

/** A user named by id or by name in the application, as its id (117 on `field` when the name is not one of its users). */
async function userIdOf(actor: Parameters<typeof listSqAgents>[0], applicationId: number, id: number | undefined, name: string | undefined, field: string): Promise<number | undefined> {
  if (id !== undefined || name === undefined) return id;
  return (await userIdsOf(actor, applicationId, [name], field))[0];
}

async function userIdsOf(actor: Parameters<typeof listSqAgents>[0], applicationId: number, names: string[], field = "users"): Promise<number[]> {
  const r = await listSqAgents(actor, { applicationId, userNames: names, count: 1000 });
  if (r.items.length !== new Set(names.map((n) => n.trim().toLowerCase())).size) {
    throw new AppError("NOT_FOUND", { message: "User not found", field, reason: "user_not_found" });
  }
  return r.items.map((a) => a.userId);
}

export const smartQueueMethods: RegisteredMethod[] = [
  sqAddQueueMethod,
  sqSetQueueInfoMethod,
  sqDelQueueMethod,
  sqGetQueuesMethod,
  sqAddSkillMethod,
  sqDelSkillMethod,
  sqSetSkillInfoMethod,
  sqGetSkillsMethod,
  sqBindSkillMethod,
  sqUnbindSkillMethod,
  sqBindAgentMethod,
  sqUnbindAgentMethod,
  sqGetAgentsMethod,
  sqSetAgentInfoMethod,
] as RegisteredMethod[];
