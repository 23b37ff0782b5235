// Issue 11: every SQLite connection, whichever driver opens it, runs in WAL mode with
// synchronous=NORMAL, a busy timeout and foreign keys enforced. Read back from real connections
// (the suite's own client, and fresh ones through each SQLite driver), not from the script text.
import { afterAll, describe, expect, it } from "vitest";
import { createClient, db, dbKind } from "./db";
import { SQLITE_BUSY_TIMEOUT_MS } from "./db-adapter";
import { createThrowawayDatabase } from "@/test/databases";

type PragmaRow = Record<string, unknown>;
const value = (rows: PragmaRow[]) => String(Object.values(rows[0] ?? {})[0]);

async function pragmas(client: typeof db) {
  return {
    journal_mode: value(await client.$queryRawUnsafe<PragmaRow[]>("PRAGMA journal_mode")),
    synchronous: value(await client.$queryRawUnsafe<PragmaRow[]>("PRAGMA synchronous")),
    busy_timeout: value(await client.$queryRawUnsafe<PragmaRow[]>("PRAGMA busy_timeout")),
    foreign_keys: value(await client.$queryRawUnsafe<PragmaRow[]>("PRAGMA foreign_keys")),
  };
}

// synchronous: 1 = NORMAL (0 OFF, 2 FULL, 3 EXTRA).
const EXPECTED = { journal_mode: "wal", synchronous: "1", busy_timeout: String(SQLITE_BUSY_TIMEOUT_MS), foreign_keys: "1" };

describe.runIf(dbKind() === "sqlite")("SQLite connection settings", () => {
  const scratch: { dispose(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const s of scratch) await s.dispose();
  });

  it("hold on the suite's own connection (this run's driver)", async () => {
    expect(await pragmas(db)).toEqual(EXPECTED);
  });

  it.each(["better-sqlite3", "libsql"] as const)("hold on a new %s connection to a new file", async (driver) => {
    const previous = process.env.DATABASE_ADAPTER;
    const s = await createThrowawayDatabase("sqlite", `pragmas-${driver}`);
    scratch.push(s);
    process.env.DATABASE_ADAPTER = driver;
    try {
      const client = createClient(s.url);
      try {
        expect(await pragmas(client)).toEqual(EXPECTED);
        // Foreign keys really are enforced: a subuser of no account is refused.
        await expect(client.subuser.create({ data: { accountId: 999_999, name: "orphan1", passwordHash: "x" } })).rejects.toThrow();
      } finally {
        await client.$disconnect();
      }
    } finally {
      process.env.DATABASE_ADAPTER = previous;
    }
  });
});
