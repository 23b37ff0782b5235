// Caller ID verification limits: pure constants, safe to import from a client component
// (schemas.ts brings zod).

/** Ours: a code is good for ten minutes and three tries; a number may ask for five codes. */
export const CODE_TTL_SECONDS = 10 * 60;
export const CODE_ATTEMPTS = 3;
export const VERIFICATION_CALLS = 5;

/** Ours: at most this many caller IDs per account. */
export const MAX_CALLER_IDS = 20;
