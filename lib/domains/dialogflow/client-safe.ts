// Dialogflow keys' limits, for client components (no zod, no node:crypto).

/** Ours: a service account's JSON key is about 2.3 kB; anything past this is not one. */
export const DIALOGFLOW_CREDENTIALS_MAX_BYTES = 16 * 1024;
/** Ours: a key's description, as short as a table cell can show. */
export const DIALOGFLOW_DESCRIPTION_MAX = 255;
/** Ours: keys per account, so a runaway script cannot fill the table. */
export const MAX_DIALOGFLOW_KEYS = 100;
