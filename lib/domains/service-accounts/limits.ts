// A key's name and description limits, without the schemas that enforce them (./schemas.ts):
// what the Service accounts dialogs show. No imports, so the dialogs' client bundle carries no zod.

/** Seed 003: a key's name, 1 to 50 characters. */
export const KEY_NAME_MAX = 50;
/** A key's description, at most 255 characters. */
export const KEY_DESCRIPTION_MAX = 255;
