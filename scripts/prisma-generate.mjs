#!/usr/bin/env node
// Writes prisma/postgres/schema.prisma from prisma/schema.prisma (the one people edit; the
// PostgreSQL schema is generated and not in git), then generates both Prisma clients into
// lib/generated/. Run by `npm install` (postinstall) and, when a schema is newer than its
// client, by `npm start` (a `git pull` that changed the models needs no reinstall).
//   node scripts/prisma-generate.mjs            always generate
//   node scripts/prisma-generate.mjs --if-stale only when a client is missing or older than its schema
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, writePostgresSchema } from "./prisma-schemas.mjs";

const root = path.resolve(import.meta.dirname, "..");
const CLIENTS = [
  { schema: SQLITE_SCHEMA, client: "lib/generated/prisma/client.ts" },
  { schema: POSTGRES_SCHEMA, client: "lib/generated/prisma-postgres/client.ts" },
];

const mtime = (p) => (existsSync(path.join(root, p)) ? statSync(path.join(root, p)).mtimeMs : 0);

/** Generates the clients; with `ifStale`, only those whose client file is missing or older than its schema. */
export function generateClients({ ifStale = false } = {}) {
  const changed = writePostgresSchema(root);
  for (const { schema, client } of CLIENTS) {
    const stale = !existsSync(path.join(root, client)) || mtime(schema) > mtime(client) || (changed && schema === POSTGRES_SCHEMA);
    if (ifStale && !stale) continue;
    execFileSync("npx", ["prisma", "generate", "--schema", schema], { cwd: root, stdio: "inherit" });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) generateClients({ ifStale: process.argv.includes("--if-stale") });
