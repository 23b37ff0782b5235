// Not in route-focus.tsx: a server component importing a value from a "use client" module gets a
// client reference, not the string.
/** The id of the shell's <main> (tabindex="-1"), the skip link's target: the page region. */
export const PAGE_REGION_ID = "main";
