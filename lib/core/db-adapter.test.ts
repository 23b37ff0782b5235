// Issue 11: every SQLite connection, whichever driver opens it, runs in WAL mode with
// synchronous=NORMAL, a busy timeout and foreign keys enforced. Read back from real connections
// (the suite's own client, and fresh ones through each SQLite driver), not from the script text.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createClient, db, dbKind } from "./db";
import { SQLITE_BUSY_TIMEOUT_MS } from "./db-adapter";
import { createThrowawayDatabase } from "@/test/databases";

const execFileAsync = promisify(execFile);

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

  // Threat: a transaction that reads, then writes after another process committed, failed with
  // SQLITE_BUSY_SNAPSHOT (a deferred BEGIN), and a user's send or purchase died with a 500.
  it("better-sqlite3 transactions take the write lock at BEGIN: a read-then-write beside another connection's commit succeeds", async () => {
    const previous = process.env.DATABASE_ADAPTER;
    const s = await createThrowawayDatabase("sqlite", "begin-immediate");
    scratch.push(s);
    process.env.DATABASE_ADAPTER = "better-sqlite3";
    const a = createClient(s.url);
    try {
      const account = await a.account.create({ data: { name: "immediate1", email: "immediate1@example.com", passwordHash: "x" } });
      // The other writer is another process (a second server, a script): better-sqlite3 blocks its
      // thread while it waits for a lock, so in this process it would stall this transaction too.
      const file = s.url.replace(/^file:/, "");
      const script = `const D = require("better-sqlite3"); const d = new D(process.argv[1], { timeout: 5000 }); d.prepare('UPDATE "Account" SET "email" = ? WHERE "id" = ?').run("immediate2@example.com", Number(process.argv[2]));`;
      let other!: Promise<void>;
      const tx = a.$transaction(async (t) => {
        await t.account.findUniqueOrThrow({ where: { id: account.id } });
        other = execFileAsync(process.execPath, ["-e", script, file, String(account.id)], { cwd: process.cwd() }).then(() => undefined);
        // It commits now if it can (a deferred BEGIN lets it); with the write lock held it waits
        // for this transaction instead, so stop waiting for it after two seconds.
        await Promise.race([other.catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
        return t.account.update({ where: { id: account.id }, data: { name: "immediate2" } });
      });
      await expect(tx).resolves.toMatchObject({ name: "immediate2" });
      await other;
      expect(await a.account.findUniqueOrThrow({ where: { id: account.id }, select: { name: true, email: true } })).toEqual({ name: "immediate2", email: "immediate2@example.com" });
    } finally {
      await a.$disconnect();
      process.env.DATABASE_ADAPTER = previous;
    }
  });
});
