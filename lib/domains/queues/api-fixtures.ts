// Test-only: stored SmartQueue queues, skills and agents, and one valid call for each of this
// domain's Management API methods, merged into the registry-wide tables by test/api-fixtures.ts.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/core/db";
import type { FixtureContext, Fixtures } from "@/test/api-kit";
import { fixtureApp, withApp } from "../applications/api-fixtures";
import { fixtureUser } from "../app-users/api-fixtures";

const tag = () => randomBytes(4).toString("hex");

/** A queue of the application (calls: most qualified, highest priority first). */
export async function fixtureQueue(accountId: number, applicationId: number, name = `queue-${tag()}`) {
  return db.sqQueue.create({
    data: { accountId, applicationId, name, nameKey: name.toLowerCase(), callAgentSelection: "MOST_QUALIFIED", imAgentSelection: "MOST_QUALIFIED", callTaskSelection: "MAX_PRIORITY", imTaskSelection: "MAX_PRIORITY" },
  });
}

/** A skill of the application. */
export async function fixtureSkill(accountId: number, applicationId: number, name = `skill-${tag()}`) {
  return db.sqSkill.create({ data: { accountId, applicationId, name, nameKey: name.toLowerCase() } });
}

/** An application with a queue, a skill and a user bound to the queue holding the skill at level 3. */
export async function fixtureSmartQueue(ctx: Pick<FixtureContext, "accountId">) {
  const app = await fixtureApp(ctx.accountId);
  const queue = await fixtureQueue(ctx.accountId, app.id);
  const skill = await fixtureSkill(ctx.accountId, app.id);
  const user = await fixtureUser(ctx.accountId, app.id);
  await db.sqQueueAgent.create({ data: { queueId: queue.id, userId: user.id, accountId: ctx.accountId } });
  await db.sqAgentSkill.create({ data: { userId: user.id, skillId: skill.id, accountId: ctx.accountId, level: 3 } });
  return { app, queue, skill, user };
}

export const SMART_QUEUE_FIXTURES: Fixtures = {
  SQ_AddQueue: async (ctx) => ({ params: { application_id: String((await withApp(ctx)).id), sq_queue_name: "Support", call_agent_selection: "MOST_QUALIFIED", call_task_selection: "MAX_PRIORITY", call_max_waiting_time: "5" } }),
  SQ_SetQueueInfo: async (ctx) => {
    const { app, queue } = await fixtureSmartQueue(ctx);
    return { params: { application_id: String(app.id), sq_queue_id: String(queue.id), new_sq_queue_name: "Renamed", priority: "10" } };
  },
  SQ_DelQueue: async (ctx) => {
    const { app, queue } = await fixtureSmartQueue(ctx);
    return { params: { application_id: String(app.id), sq_queue_id: String(queue.id) } };
  },
  SQ_GetQueues: async (ctx) => ({ params: { application_id: String((await fixtureSmartQueue(ctx)).app.id), with_agentcount: "true" } }),
  SQ_AddSkill: async (ctx) => ({ params: { application_id: String((await withApp(ctx)).id), sq_skill_name: "English", description: "Speaks English" } }),
  SQ_DelSkill: async (ctx) => {
    const { app, skill } = await fixtureSmartQueue(ctx);
    return { params: { application_id: String(app.id), sq_skill_id: String(skill.id) } };
  },
  SQ_SetSkillInfo: async (ctx) => {
    const { app, skill } = await fixtureSmartQueue(ctx);
    return { params: { application_id: String(app.id), sq_skill_id: String(skill.id), new_sq_skill_name: "German" } };
  },
  SQ_GetSkills: async (ctx) => ({ params: { application_id: String((await fixtureSmartQueue(ctx)).app.id) } }),
  SQ_BindSkill: async (ctx) => {
    const { app, skill, user } = await fixtureSmartQueue(ctx);
    return { params: { application_id: String(app.id), user_id: String(user.id), sq_skills: JSON.stringify([{ sq_skill_id: skill.id, sq_skill_level: 5 }]) } };
  },
  SQ_UnbindSkill: async (ctx) => {
    const { app, skill, user } = await fixtureSmartQueue(ctx);
    return { params: { application_id: String(app.id), user_id: String(user.id), sq_skill_id: String(skill.id) } };
  },
  SQ_BindAgent: async (ctx) => {
    const { app, queue } = await fixtureSmartQueue(ctx);
    const other = await fixtureUser(ctx.accountId, app.id);
    return { params: { application_id: String(app.id), sq_queue_id: String(queue.id), user_id: String(other.id) } };
  },
  SQ_UnbindAgent: async (ctx) => {
    const { app, queue, user } = await fixtureSmartQueue(ctx);
    return { params: { application_id: String(app.id), sq_queue_id: String(queue.id), user_id: String(user.id) } };
  },
  SQ_GetAgents: async (ctx) => ({ params: { application_id: String((await fixtureSmartQueue(ctx)).app.id), with_sq_skills: "true", with_sq_queues: "true" } }),
  SQ_SetAgentInfo: async (ctx) => {
    const { app, user } = await fixtureSmartQueue(ctx);
    return { params: { application_id: String(app.id), user_id: String(user.id), handle_calls: "false", max_simultaneous_conversations: "3" } };
  },
};
