"use server";
import { action } from "@/lib/server/action";
import { addSqQueue, addSqSkill, deleteSqQueues, deleteSqSkills, saveSqAgent, setSqQueue, setSqSkill } from "@/lib/domains/queues/mutations";
import { ZAddSqQueueInput, ZAddSqSkillInput, ZDelSqQueuesInput, ZDelSqSkillsInput, ZSaveSqAgentInput, ZSetSqQueueInput, ZSetSqSkillInput } from "@/lib/domains/queues/schemas";

// The application's Queues tab (SmartQueue). Each returns the name for the toast; the page
// re-renders its tables from the database (action() refreshes it).

const SECTION = "application.queues";

export const addSqQueueAction = action({ section: SECTION, input: ZAddSqQueueInput }, async (input, actor) => ({ name: (await addSqQueue(actor, input)).name }));

export const setSqQueueAction = action({ section: SECTION, input: ZSetSqQueueInput }, async (input, actor) => ({ name: (await setSqQueue(actor, input)).name }));

export const deleteSqQueuesAction = action({ section: SECTION, input: ZDelSqQueuesInput }, async (input, actor) => ({ names: (await deleteSqQueues(actor, input)).map((q) => q.name) }));

export const addSqSkillAction = action({ section: SECTION, input: ZAddSqSkillInput }, async (input, actor) => ({ name: (await addSqSkill(actor, input)).name }));

export const setSqSkillAction = action({ section: SECTION, input: ZSetSqSkillInput }, async (input, actor) => ({ name: (await setSqSkill(actor, input)).name }));

export const deleteSqSkillsAction = action({ section: SECTION, input: ZDelSqSkillsInput }, async (input, actor) => ({ names: (await deleteSqSkills(actor, input)).map((s) => s.name) }));

/** Add agent / Edit agent / Remove agent (empty queues and skills): one user's queues, skills and settings. */
export const saveSqAgentAction = action({ section: SECTION, input: ZSaveSqAgentInput }, async (input, actor) => saveSqAgent(actor, input));
