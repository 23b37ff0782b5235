// Issue 11: every SQLite connection, whichever driver opens it, runs in WAL mode with
// synchronous=NORMAL, a busy timeout, foreign keys enforced and a 64 MiB page cache. Read back
// from real connections (the suite's own client, and fresh ones through each SQLite driver), not
// from the script text.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createClient, db, dbKind } from "./db";
import { SQLITE_BUSY_TIMEOUT_MS, SQLITE_CACHE_KIB, statementCacheStats } from "./db-adapter";
import { createThrowawayDatabase } from "@/test/databases";
import { FIRST_DRIVER_RUN } from "@/test/drivers";

const execFileAsync = promisify(execFile);

type PragmaRow = Record<string, unknown>;
const value = (rows: PragmaRow[]) => String(Object.values(rows[0] ?? {})[0]);

async function pragmas(client: typeof db) {
  return {
    journal_mode: value(await client.$queryRawUnsafe<PragmaRow[]>("PRAGMA journal_mode")),
    synchronous: value(await client.$queryRawUnsafe<PragmaRow[]>("PRAGMA synchronous")),
    busy_timeout: value(await client.$queryRawUnsafe<PragmaRow[]>("PRAGMA busy_timeout")),
    foreign_keys: value(await client.$queryRawUnsafe<PragmaRow[]>("PRAGMA foreign_keys")),
    cache_size: value(await client.$queryRawUnsafe<PragmaRow[]>("PRAGMA cache_size")),
  };
}

// synchronous: 1 = NORMAL (0 OFF, 2 FULL, 3 EXTRA); cache_size: negative means KiB (the default is -2000).
const EXPECTED = { journal_mode: "wal", synchronous: "1", busy_timeout: String(SQLITE_BUSY_TIMEOUT_MS), foreign_keys: "1", cache_size: String(-SQLITE_CACHE_KIB) };

describe.runIf(dbKind() === "sqlite")("SQLite connection settings", () => {
  const scratch: { dispose(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const s of scratch) await s.dispose();
  });

  /** Runs `fn` with a client of `driver` on a new throwaway SQLite file, then closes it. */
  async function onNewDatabase(driver: "better-sqlite3" | "libsql", name: string, fn: (client: typeof db, url: string) => Promise<void>) {
    const previous = process.env.DATABASE_ADAPTER;
    const s = await createThrowawayDatabase("sqlite", name);
    scratch.push(s);
    process.env.DATABASE_ADAPTER = driver;
    const client = createClient(s.url);
    try {
      await fn(client, s.url);
    } finally {
      await client.$disconnect();
      process.env.DATABASE_ADAPTER = previous;
    }
  }

  it("hold on the suite's own connection (this run's driver)", async () => {
    expect(await pragmas(db)).toEqual(EXPECTED);
  });

  // The tests below name their driver themselves, so the libSQL run would only repeat them.
  const ownDriver = it.runIf(FIRST_DRIVER_RUN);

  ownDriver.each(["better-sqlite3", "libsql"] as const)("hold on a new %s connection to a new file", (driver) =>
    onNewDatabase(driver, `pragmas-${driver}`, async (client) => {
      expect(await pragmas(client)).toEqual(EXPECTED);
      // Foreign keys really are enforced: a subuser of no account is refused.
      await expect(client.subuser.create({ data: { accountId: 999_999, name: "orphan1", passwordHash: "x" } })).rejects.toThrow();
    }));

  // Threat: the settings held only on the connection a client opened first. @prisma/adapter-libsql
  // 6.19 came with @libsql/client 0.8, which hands its connection to each transaction and opens
  // a new one, without these settings, for what follows: after the first transaction every
  // query ran with busy_timeout 0 (SQLITE_BUSY at once beside any writer; the libSQL suite
  // failed that way in CI) and a cold 2 MiB page cache. package.json's override gives the
  // adapter @libsql/client 0.18, whose pool keeps and reuses the connection.
  ownDriver.each(["better-sqlite3", "libsql"] as const)("hold on a new %s connection after committed, rolled back and batch transactions", (driver) =>
    onNewDatabase(driver, `pragmas-after-tx-${driver}`, async (client) => {
      await client.$transaction(async (t) => t.account.create({ data: { name: "aftertx1", email: "aftertx1@example.com", passwordHash: "x" } }));
      expect(await pragmas(client)).toEqual(EXPECTED);
      await client.$transaction(async (t) => {
        await t.account.create({ data: { name: "aftertx2", email: "aftertx2@example.com", passwordHash: "x" } });
        throw new Error("roll back");
      }).catch(() => undefined);
      expect(await pragmas(client)).toEqual(EXPECTED);
      await client.$transaction([client.account.count(), client.account.count()]);
      expect(await pragmas(client)).toEqual(EXPECTED);
      expect(await client.account.count({ where: { name: { startsWith: "aftertx" } } })).toBe(1);
    }));

  it("hold on the suite's own connection after a transaction (this run's driver)", async () => {
    await db.$transaction(async (t) => t.account.count());
    expect(await pragmas(db)).toEqual(EXPECTED);
  });

  // Threat: a transaction that reads, then writes after another process committed, failed with
  // SQLITE_BUSY_SNAPSHOT (a deferred BEGIN), and a user's send or purchase died with a 500.
  ownDriver.each(["better-sqlite3", "libsql"] as const)("%s transactions take the write lock at BEGIN: a read-then-write beside another connection's commit succeeds", (driver) =>
    onNewDatabase(driver, `begin-immediate-${driver}`, async (a, url) => {
      const account = await a.account.create({ data: { name: "immediate1", email: "immediate1@example.com", passwordHash: "x" } });
      // The other writer is another process (a second server, a script): both drivers block their
      // thread while they wait for a lock, so in this process it would stall this transaction too.
      const file = url.replace(/^file:/, "");
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
    }));

  // Issue 11: better-sqlite3 statements are prepared once per SQL text and reused.
  ownDriver("better-sqlite3 reuses a prepared statement across values, after a failed run and across a schema change", () =>
    onNewDatabase("better-sqlite3", "statement-cache", async (c) => {
      const a = await c.account.create({ data: { name: "stmt1", email: "stmt1@example.com", passwordHash: "x" } });
      const b = await c.account.create({ data: { name: "stmt2", email: "stmt2@example.com", passwordHash: "x" } });
      const name = async (id: number) => (await c.account.findUnique({ where: { id }, select: { name: true } }))?.name;
      expect(await name(a.id)).toBe("stmt1");
      const before = statementCacheStats();
      expect(await name(b.id)).toBe("stmt2"); // the same SQL, other values: the kept statement
      expect(await name(a.id)).toBe("stmt1");
      expect(statementCacheStats().hits).toBeGreaterThanOrEqual(before.hits + 2);
      expect(statementCacheStats().misses).toBe(before.misses);

      // A run that fails (a unique name taken) leaves the statement usable for the next one.
      await expect(c.account.create({ data: { name: "stmt1", email: "stmt3@example.com", passwordHash: "x" } })).rejects.toThrow();
      const d = await c.account.create({ data: { name: "stmt4", email: "stmt4@example.com", passwordHash: "x" } });
      expect(await name(d.id)).toBe("stmt4");

      // SQLite re-prepares a kept statement when the schema changes under it.
      await c.$executeRawUnsafe('ALTER TABLE "Account" ADD COLUMN "statementCacheProbe" TEXT');
      expect(await name(b.id)).toBe("stmt2");
    }));
});
