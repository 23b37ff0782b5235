// The password rule's figures and words, without the rule itself (./password-rule.ts): what the
// panel's forms show under a password field. No imports, so a client bundle that shows the hint
// does not carry zod and the common-password list.

/** Long enough for passphrases; never truncated. The cap only bounds hashing work. */
export const PASSWORD_MAX_LENGTH = 1024;
export const PASSWORD_MIN_LENGTH = 8;

/** The rule in words, for hints and API docs (the seed's rule, 000 and 003). */
export const PASSWORD_RULE = `At least ${PASSWORD_MIN_LENGTH} characters with an uppercase and a lowercase letter, a digit and a special character; no spaces`;
