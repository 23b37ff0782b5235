#!/usr/bin/env node
// npm run db:new-migration -- <name>: writes the SQL that takes the database from the last
// migration to prisma/schema.prisma into a new timestamped migration (`migrate dev` needs
// native engines). `migrate diff --from-migrations` needs a shadow database, which the JS schema
// engine cannot replay into here (P3006), so "from" is the schema as of the last commit that
// touched prisma/migrations: a migration is always committed together with its schema change.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("usage: npm run db:new-migration -- <name>");
  process.exit(2);
}
const git = (...args) => execFileSync("git", args, { encoding: "utf8" }).trim();
const base = git("log", "-1", "--format=%H", "--", "prisma/migrations");
const tmp = mkdtempSync(path.join(tmpdir(), "switchboard-migration-"));
const fromSchema = path.join(tmp, "schema.prisma");
writeFileSync(fromSchema, git("show", `${base}:prisma/schema.prisma`) + "\n");
let sql;
try {
  sql = execFileSync(
    "npx",
    ["prisma", "migrate", "diff", "--from-schema-datamodel", fromSchema, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
if (!/\S/.test(sql.replace(/^--.*$/gm, ""))) {
  console.log("No schema changes since the last migration.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = `prisma/migrations/${stamp}_${name}`;
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/migration.sql`, sql);
console.log(`Wrote ${dir}/migration.sql (from the schema at ${base.slice(0, 8)})`);
