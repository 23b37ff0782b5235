// Limits the number forms show in the browser. Kept apart from schemas.ts, which imports the
// catalogue (about 700 kB of JSON) and zod: a client component importing a constant from there
// shipped both to the browser (the number settings page's first load was 880 kB).

/** Characters a number's label may have (ours). */
export const NUMBER_LABEL_MAX = 100;
