// Limits and words of the account's authorized IP lists that client components need too (no zod,
// no database).

/** How many entries an account's two lists hold together (ours). */
export const MAX_AUTHORIZED_IPS = 100;
/** A description's longest length. */
export const AUTHORIZED_IP_DESCRIPTION_MAX = 200;

/** "the allow list" / "the block list". */
export const listName = (allowed: boolean) => (allowed ? "the allow list" : "the block list");
