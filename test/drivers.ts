// npm test runs the suite once per driver (vitest.config.ts); better-sqlite3's run is the first,
// and the driver when DATABASE_ADAPTER is not set.
export const FIRST_DRIVER = "better-sqlite3";

/**
 * True on the first driver's run. Work whose driver is fixed by the test itself, or whose scale
 * proves nothing more on a second driver, runs in full there only. Read at import, before any test
 * switches DATABASE_ADAPTER for a client of its own.
 */
export const FIRST_DRIVER_RUN = (process.env.DATABASE_ADAPTER ?? FIRST_DRIVER) === FIRST_DRIVER;
