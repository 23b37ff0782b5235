// SmartQueue's limits and choices, for client components (no zod, no database).

/** The reference's agent selection strategies (SQ_AddQueue call_agent_selection / im_agent_selection). */
export const SQ_AGENT_SELECTIONS = ["MOST_QUALIFIED", "LEAST_QUALIFIED", "MAX_WAITING_TIME"] as const;
export type SqAgentSelection = (typeof SQ_AGENT_SELECTIONS)[number];
/** The reference's task selection strategies (SQTaskSelectionStrategies). */
export const SQ_TASK_SELECTIONS = ["MAX_PRIORITY", "MAX_WAITING_TIME"] as const;
export type SqTaskSelection = (typeof SQ_TASK_SELECTIONS)[number];

/** How the panel names each strategy. */
export const AGENT_SELECTION_LABELS: Record<SqAgentSelection, string> = {
  MOST_QUALIFIED: "Most qualified agent",
  LEAST_QUALIFIED: "Least qualified agent",
  MAX_WAITING_TIME: "Agent free the longest",
};
export const TASK_SELECTION_LABELS: Record<SqTaskSelection, string> = {
  MAX_PRIORITY: "Highest priority first",
  MAX_WAITING_TIME: "Longest waiting first",
};

/** Ours: queues per application. */
export const MAX_SQ_QUEUES = 100;
/** Ours: skills per application. */
export const MAX_SQ_SKILLS = 500;
/** The reference: queue and skill names up to 100 characters. */
export const SQ_NAME_MAX = 100;
/** The reference: descriptions ("comment") up to 200 characters. */
export const SQ_DESCRIPTION_MAX = 200;
/** The reference: a queue's priority, 1 to 100. */
export const SQ_PRIORITY_MIN = 1;
export const SQ_PRIORITY_MAX = 100;
/** The reference: skill levels 1 to 5. */
export const SQ_SKILL_LEVEL_MIN = 1;
export const SQ_SKILL_LEVEL_MAX = 5;
/** Ours: a waiting time is at most a day (in seconds). */
export const SQ_MAX_WAITING_SECONDS = 86_400;
/** Ours: a queue holds at most this many waiting tasks of a kind. */
export const SQ_MAX_QUEUE_SIZE = 10_000;
/** Ours: an agent handles at most this many chats at once (SQ_SetAgentInfo max_simultaneous_conversations). */
export const SQ_MAX_CONVERSATIONS = 100;
