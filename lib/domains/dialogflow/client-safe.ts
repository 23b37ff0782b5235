// Dialogflow keys' limits, for client components (no zod, no node:crypto).

/** Ours: a service account's JSON key is about 2.3 kB; anything past this is not one. */
export const DIALOGFLOW_CREDENTIALS_MAX_BYTES = 16 * 1024;
/** Ours: a key's description, as short as a table cell can show. */
export const DIALOGFLOW_DESCRIPTION_MAX = 255;
/** Ours: keys per account, so a runaway script cannot fill the table. */
export const MAX_DIALOGFLOW_KEYS = 100;

/**
 * How the panel and the Logs name a key: its project and the start of its key id
 * ("support-agent key 1f2e3d4c"), since one project may have several keys (one per service
 * account, or old and new while rotating).
 */
export function dialogflowKeyName(k: { projectId: string; privateKeyId: string }): string {
  return `${k.projectId} key ${k.privateKeyId.slice(0, 8)}`;
}
