// Plain numbers, importable by client components without pulling in the password hasher.
export const SUBUSER_NAME_MIN = 5;
export const SUBUSER_NAME_MAX = 20;
export const SUBUSER_DESCRIPTION_MAX = 255;
/** Ours: a bound on subusers per account (API error 438 beyond it). */
export const MAX_SUBUSERS_PER_ACCOUNT = 100;
