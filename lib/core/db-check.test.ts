// The C-collation requirement (lib/core/db-check.ts): byte order for sorting and prefix ranges.
// The check itself is tested everywhere; on the PostgreSQL run, against real databases of both
// kinds, including the Prisma CLI's refusal to migrate the wrong one.
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db, dbKind } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import { withDatabase } from "@/test/databases";
import { assertCollation } from "./db-check";

const rows = (datcollate: string) => async () => [{ datcollate, datctype: datcollate }];

describe("assertCollation", () => {
  it("accepts C and POSIX", async () => {
    await expect(assertCollation(rows("C"))).resolves.toBeUndefined();
    await expect(assertCollation(rows("POSIX"))).resolves.toBeUndefined();
  });

  it("refuses any other collation with an error naming it and how to create a usable database", async () => {
    for (const c of ["en_US.UTF-8", "C.UTF-8", "de_DE", ""]) {
      const e = await assertCollation(rows(c)).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(Error);
      expect((e as Error).message).toContain(`"${c || "unknown"}"`);
      expect((e as Error).message).toContain("LC_COLLATE 'C'");
    }
  });
});

describe.runIf(dbKind() === "postgres")("on PostgreSQL", () => {
  it("the run's database (created as the README says) passes", async () => {
    await expect(assertCollation((sql) => db.$queryRawUnsafe(sql))).resolves.toBeUndefined();
  });

  it("a database with another collation is refused by the CLI before any migration runs", async () => {
    const server = env().TEST_POSTGRES_URL!;
    const name = `switchboard_test_collation_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
      let output = "";
      try {
        execFileSync("npx", ["prisma", "migrate", "deploy"], {
          cwd: path.resolve(import.meta.dirname, "../.."),
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
          env: { ...process.env, DATABASE_URL: withDatabase(server, name) },
        });
      } catch (e) {
        output = String((e as { stderr?: string }).stderr ?? "") + String((e as { stdout?: string }).stdout ?? "");
      }
      expect(output).toContain('uses the collation "C.UTF-8"');
      const probe = new pg.Client({ connectionString: withDatabase(server, name) });
      await probe.connect();
      const tables = await probe.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'");
      await probe.end();
      expect(tables.rows[0].n).toBe(0);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
