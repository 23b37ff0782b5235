// SmartQueue inputs, shared by the application's Queues page, the Users page's skills dialog,
// their actions and the Management API (SQ_AddQueue ... SQ_SetAgentInfo). Ranges are the
// reference's where it gives one (names up to 100 characters, comments up to 200, priority
// 1..100, skill levels 1..5) and ours elsewhere (lib/domains/queues/client-safe.ts).
import { z } from "zod";
import { issue, safeText, zId } from "@/lib/core/validate";
import { ZApplicationId } from "@/lib/domains/applications/schemas";
import { ZAppUserId } from "@/lib/domains/app-users/schemas";
import {
  SQ_AGENT_SELECTIONS,
  SQ_DESCRIPTION_MAX,
  SQ_MAX_CONVERSATIONS,
  SQ_MAX_QUEUE_SIZE,
  SQ_MAX_WAITING_SECONDS,
  SQ_NAME_MAX,
  SQ_PRIORITY_MAX,
  SQ_PRIORITY_MIN,
  SQ_SKILL_LEVEL_MAX,
  SQ_SKILL_LEVEL_MIN,
  SQ_TASK_SELECTIONS,
} from "./client-safe";

export const ZSqQueueId = zId("Invalid queue id", "sq_queue_not_found");
export const ZSqSkillId = zId("Invalid skill id", "sq_skill_not_found");

/** Most ids or names one call may name (ours), so one request cannot ask for a huge IN list. */
export const SQ_REF_MAX = 1000;

const zName = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .superRefine(safeText(label))
    .superRefine((v, ctx) => {
      if (v.length === 0) issue(ctx, `${label} is required`, "required_empty");
      else if (v.length > SQ_NAME_MAX) issue(ctx, `${label} must be at most ${SQ_NAME_MAX} characters`);
    });

export const ZSqQueueName = zName("Queue name");
export const ZSqSkillName = zName("Skill name");

export const ZSqDescription = z
  .string()
  .trim()
  .superRefine(safeText("Description"))
  .superRefine((v, ctx) => {
    if (v.length > SQ_DESCRIPTION_MAX) issue(ctx, `Description must be at most ${SQ_DESCRIPTION_MAX} characters`);
  });

/** A whole number from `min` to `max`, from a number (the API) or a decimal string (a form). */
export const zIntIn = (label: string, min: number, max: number) =>
  z.unknown().transform((v, ctx): number => {
    const n = typeof v === "string" && /^\s*\d{1,9}\s*$/.test(v) ? Number(v) : v;
    if (typeof n === "number" && Number.isInteger(n) && n >= min && n <= max) return n;
    issue(ctx, `${label} must be a whole number from ${min} to ${max}`);
    return z.NEVER;
  });

export const ZSqAgentSelection = z.enum(SQ_AGENT_SELECTIONS, { error: `Agent selection must be one of ${SQ_AGENT_SELECTIONS.join(", ")}` });
export const ZSqTaskSelection = z.enum(SQ_TASK_SELECTIONS, { error: `Task selection must be one of ${SQ_TASK_SELECTIONS.join(", ")}` });
export const ZSqSkillLevel = zIntIn("Skill level", SQ_SKILL_LEVEL_MIN, SQ_SKILL_LEVEL_MAX);

const limit = (label: string, max: number) => zIntIn(label, 1, max).nullable().optional();

/** A queue's settings, each optional: SQ_SetQueueInfo changes only those given; SQ_AddQueue fills in defaults. */
const QUEUE_SETTINGS = {
  description: ZSqDescription.optional(),
  priority: zIntIn("Priority", SQ_PRIORITY_MIN, SQ_PRIORITY_MAX).optional(),
  callAgentSelection: ZSqAgentSelection.optional(),
  imAgentSelection: ZSqAgentSelection.optional(),
  callTaskSelection: ZSqTaskSelection.optional(),
  imTaskSelection: ZSqTaskSelection.optional(),
  holdCallsIfInactiveAgents: z.boolean().optional(),
  holdImIfInactiveAgents: z.boolean().optional(),
  /** Seconds; null clears the limit. */
  callMaxWaitingSeconds: limit("Maximum call waiting time", SQ_MAX_WAITING_SECONDS),
  imMaxWaitingSeconds: limit("Maximum chat waiting time", SQ_MAX_WAITING_SECONDS),
  callMaxQueueSize: limit("Maximum call queue size", SQ_MAX_QUEUE_SIZE),
  imMaxQueueSize: limit("Maximum chat queue size", SQ_MAX_QUEUE_SIZE),
};

/** SQ_AddQueue / the page's Add queue. The call strategies are required; the chat ones default to them. */
export const ZAddSqQueueInput = z.object({
  applicationId: ZApplicationId,
  name: ZSqQueueName,
  ...QUEUE_SETTINGS,
  callAgentSelection: ZSqAgentSelection,
  callTaskSelection: ZSqTaskSelection,
});
export type AddSqQueueInput = z.input<typeof ZAddSqQueueInput>;

/** SQ_SetQueueInfo / the page's Edit queue: the new name and any settings. */
export const ZSetSqQueueInput = z.object({ applicationId: ZApplicationId, queueId: ZSqQueueId, name: ZSqQueueName.optional(), ...QUEUE_SETTINGS });
export type SetSqQueueInput = z.input<typeof ZSetSqQueueInput>;

/** Queues, skills or users a call names: by ids, by names, or all of the application's. */
const zRef = <T extends z.ZodType>(id: T, noun: string) =>
  z.union(
    [
      z.literal("all"),
      z.object({ ids: z.array(id).min(1, `Choose at least one ${noun}`).max(SQ_REF_MAX, `At most ${SQ_REF_MAX} ${noun}s at once`) }),
      z.object({ names: z.array(z.string().trim().min(1).max(200)).min(1, `Choose at least one ${noun}`).max(SQ_REF_MAX, `At most ${SQ_REF_MAX} ${noun}s at once`) }),
    ],
    { error: `Choose the ${noun}s` },
  );
export const ZSqQueueRef = zRef(ZSqQueueId, "queue");
export const ZSqSkillRef = zRef(ZSqSkillId, "skill");
export const ZSqUserRef = zRef(ZAppUserId, "user");
export type SqRef = z.output<typeof ZSqQueueRef> | z.output<typeof ZSqUserRef>;

/** SQ_DelQueue / the page's Delete queue. */
export const ZDelSqQueuesInput = z.object({ applicationId: ZApplicationId, queues: ZSqQueueRef });
export type DelSqQueuesInput = z.input<typeof ZDelSqQueuesInput>;

/** SQ_GetQueues / the page: filters all of which must hold; `userId` the queues that user serves, `excludedUserId` those it does not. */
export const ZListSqQueuesInput = z.object({
  applicationId: ZApplicationId,
  queueIds: z.array(ZSqQueueId).max(SQ_REF_MAX).optional(),
  names: z.array(z.string()).max(SQ_REF_MAX).optional(),
  namePart: z.string().max(200).optional(),
  userId: ZAppUserId.optional(),
  excludedUserId: ZAppUserId.optional(),
  count: z.number().int().min(1).max(1000).default(1000),
  offset: z.number().int().min(0).default(0),
});
export type ListSqQueuesInput = z.input<typeof ZListSqQueuesInput>;

/** SQ_AddSkill / Add skill. */
export const ZAddSqSkillInput = z.object({ applicationId: ZApplicationId, name: ZSqSkillName, description: ZSqDescription.default("") });
export type AddSqSkillInput = z.input<typeof ZAddSqSkillInput>;

/** SQ_SetSkillInfo / Edit skill. */
export const ZSetSqSkillInput = z.object({ applicationId: ZApplicationId, skillId: ZSqSkillId, name: ZSqSkillName.optional(), description: ZSqDescription.optional() });
export type SetSqSkillInput = z.input<typeof ZSetSqSkillInput>;

/** SQ_DelSkill / Delete skill: also takes the skill from every agent. */
export const ZDelSqSkillsInput = z.object({ applicationId: ZApplicationId, skills: ZSqSkillRef });
export type DelSqSkillsInput = z.input<typeof ZDelSqSkillsInput>;

/** SQ_GetSkills / the pages: `userIds` the skills any of those users has, `excludedUserId` those that user lacks. */
export const ZListSqSkillsInput = z.object({
  applicationId: ZApplicationId,
  skillIds: z.array(ZSqSkillId).max(SQ_REF_MAX).optional(),
  names: z.array(z.string()).max(SQ_REF_MAX).optional(),
  namePart: z.string().max(200).optional(),
  userIds: z.array(ZAppUserId).max(SQ_REF_MAX).optional(),
  excludedUserId: ZAppUserId.optional(),
  count: z.number().int().min(1).max(1000).default(1000),
  offset: z.number().int().min(0).default(0),
});
export type ListSqSkillsInput = z.input<typeof ZListSqSkillsInput>;

/** A skill and its level, as SQ_BindSkill's sq_skills lists them (by id or by name). */
export const ZSqSkillLevelItem = z
  .object({ skillId: ZSqSkillId.optional(), skillName: z.string().trim().min(1).max(200).optional(), level: ZSqSkillLevel })
  .refine((s) => (s.skillId === undefined) !== (s.skillName === undefined), "Name each skill by its id or by its name (one of the two)");

/**
 * SQ_BindSkill bind modes (SQSkillBindingModes): `add` gives the skills (a level given again
 * replaces the old one), `replace_skills` makes them each user's only skills, `replace_agents`
 * makes the users the skills' only agents.
 */
export const SQ_SKILL_BIND_MODES = ["add", "replace_skills", "replace_agents"] as const;

/** SQ_BindSkill / the skills dialogs. */
export const ZBindSqSkillsInput = z.object({
  applicationId: ZApplicationId,
  users: ZSqUserRef,
  skills: z.array(ZSqSkillLevelItem).min(1, "Choose at least one skill").max(SQ_REF_MAX),
  mode: z.enum(SQ_SKILL_BIND_MODES, { error: `Bind mode must be one of ${SQ_SKILL_BIND_MODES.join(", ")}` }).default("add"),
});
export type BindSqSkillsInput = z.input<typeof ZBindSqSkillsInput>;

/** SQ_UnbindSkill / Remove skill. */
export const ZUnbindSqSkillsInput = z.object({ applicationId: ZApplicationId, users: ZSqUserRef, skills: ZSqSkillRef });
export type UnbindSqSkillsInput = z.input<typeof ZUnbindSqSkillsInput>;

/**
 * SQ_BindAgent bind modes (SQAgentBindingModes): `add` and `add_queues` add the bindings,
 * `replace_agents` makes the users the queues' only agents, `replace` also takes the users off
 * every other queue first.
 */
export const SQ_AGENT_BIND_MODES = ["add", "add_queues", "replace_agents", "replace"] as const;

/** SQ_BindAgent / Add agent. */
export const ZBindSqAgentsInput = z.object({
  applicationId: ZApplicationId,
  queues: ZSqQueueRef,
  users: ZSqUserRef,
  mode: z.enum(SQ_AGENT_BIND_MODES, { error: `Bind mode must be one of ${SQ_AGENT_BIND_MODES.join(", ")}` }).default("add"),
});
export type BindSqAgentsInput = z.input<typeof ZBindSqAgentsInput>;

/** SQ_UnbindAgent / Remove from queue. */
export const ZUnbindSqAgentsInput = z.object({ applicationId: ZApplicationId, queues: ZSqQueueRef, users: ZSqUserRef });
export type UnbindSqAgentsInput = z.input<typeof ZUnbindSqAgentsInput>;

/** A skill filter of SQ_GetAgents' sq_skills: agents with the skill at a level in the range. */
export const ZSqSkillFilter = z.object({
  skillId: ZSqSkillId.optional(),
  skillName: z.string().trim().min(1).max(200).optional(),
  minLevel: ZSqSkillLevel.default(SQ_SKILL_LEVEL_MIN),
  maxLevel: ZSqSkillLevel.default(SQ_SKILL_LEVEL_MAX),
});

/**
 * SQ_GetAgents / the pages: the application's users as agents. `agentsOnly` (the panel) keeps
 * users bound to a queue or holding a skill; the API lists every user, as the reference does.
 */
export const ZListSqAgentsInput = z.object({
  applicationId: ZApplicationId,
  queues: ZSqQueueRef.optional(),
  excludedQueueId: ZSqQueueId.optional(),
  skills: z.array(ZSqSkillFilter).max(50).optional(),
  userIds: z.array(ZAppUserId).max(SQ_REF_MAX).optional(),
  userNames: z.array(z.string()).max(SQ_REF_MAX).optional(),
  userNamePart: z.string().max(200).optional(),
  handleCalls: z.boolean().optional(),
  agentsOnly: z.boolean().default(false),
  count: z.number().int().min(1).max(1000).default(1000),
  offset: z.number().int().min(0).default(0),
});
export type ListSqAgentsInput = z.input<typeof ZListSqAgentsInput>;

/** SQ_SetAgentInfo / Edit agent. */
export const ZSetSqAgentInput = z.object({
  applicationId: ZApplicationId,
  users: ZSqUserRef,
  handleCalls: z.boolean().optional(),
  maxSimultaneousConversations: zIntIn("Maximum simultaneous chats", 1, SQ_MAX_CONVERSATIONS).optional(),
});
export type SetSqAgentInput = z.input<typeof ZSetSqAgentInput>;

/**
 * The panel's agent dialog (Queues tab; the Users tab without `queueIds`): one user's queues and
 * skills become exactly these, and its settings those given. A field left out stays as it is.
 */
export const ZSaveSqAgentInput = z.object({
  applicationId: ZApplicationId,
  user: z.union([z.object({ id: ZAppUserId }), z.object({ name: z.string().trim().min(1, "Enter the user's name").max(200) })], { error: "Choose a user" }),
  queueIds: z.array(ZSqQueueId).max(SQ_REF_MAX).optional(),
  skills: z.array(z.object({ skillId: ZSqSkillId, level: ZSqSkillLevel })).max(SQ_REF_MAX).optional(),
  handleCalls: z.boolean().optional(),
  maxSimultaneousConversations: zIntIn("Maximum simultaneous chats", 1, SQ_MAX_CONVERSATIONS).optional(),
  /**
   * Add agent: refused (CONFLICT on `user`) when the user already serves a queue or holds a skill,
   * which Add would overwrite; and without a queue or a skill, which would make no agent (an agent
   * serves a queue or holds a skill).
   */
  newAgent: z.boolean().default(false),
}).superRefine((v, ctx) => {
  if (v.newAgent && !v.queueIds?.length && !v.skills?.length) {
    ctx.addIssue({ code: "custom", path: ["queueIds"], message: "Choose a queue or give a skill level: an agent serves a queue or has a skill" });
  }
});
export type SaveSqAgentInput = z.input<typeof ZSaveSqAgentInput>;

/** The Users tab's SmartQueue skills dialog: one user's skills with levels become exactly these. */
export const ZSetSqUserSkillsInput = z.object({ applicationId: ZApplicationId, userId: ZAppUserId, skills: z.array(z.object({ skillId: ZSqSkillId, level: ZSqSkillLevel })).max(SQ_REF_MAX) });
export type SetSqUserSkillsInput = z.input<typeof ZSetSqUserSkillsInput>;
