#!/usr/bin/env node
// `npm start`: build if the sources changed since the last build, apply migrations, seed the
// demo account on first run, then serve on PORT (3000) through scripts/server.mjs. Works on a
// fresh machine with no setup (SQLite under data/), and on PostgreSQL with DATABASE_URL alone.
import { spawnSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { apiBundleProblem } from "./api-fast-path.mjs";
import { generateClients } from "./prisma-generate.mjs";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
mkdirSync("data", { recursive: true });

function run(cmd, args, extraEnv = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...extraEnv } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Auth.js needs a secret; keep a generated one beside the database so sessions survive restarts.
if (!process.env.AUTH_SECRET) {
  const file = path.join("data", "auth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  process.env.AUTH_SECRET = readFileSync(file, "utf8").trim();
  // A database other app servers can reach (PostgreSQL, a libSQL server): each server would make
  // its own secret, and a session cookie from one would be refused by the others.
  if (/^(postgres(ql)?|libsql|https?|wss?):/i.test(process.env.DATABASE_URL ?? "")) {
    console.warn(`AUTH_SECRET is not set: using ${file}, made on this machine. Every app server sharing this database needs the same AUTH_SECRET (README, Shared deployment).`);
  }
}

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of readdirSync(p)) if (e !== "generated") max = Math.max(max, newestMtime(path.join(p, e)));
  return max;
}

// A pull that changed the models needs fresh clients (and the generated PostgreSQL schema).
generateClients({ ifStale: true });

const buildId = path.join(".next", "BUILD_ID");
const sources = ["app", "components", "lib", "public", "proxy.ts", "next.config.ts", "package-lock.json", "prisma/schema.prisma", "prisma/postgres/schema.prisma"];
const stale = !existsSync(buildId) || Math.max(...sources.map(newestMtime)) > statSync(buildId).mtimeMs;
if (process.env.SKIP_BUILD !== "1") {
  if (stale) run("npm", ["run", "build"]);
  // A build made by `next build` alone: the Management API bundle beside it (a quarter of a second).
  else if (apiBundleProblem(".next")) run(process.execPath, ["scripts/build-api.mjs"]);
}

// prisma.config.ts picks the migrations by DATABASE_URL (prisma/migrations, or
// prisma/postgres/migrations for postgres:// URLs) and refuses a PostgreSQL database whose
// collation is not C before touching it.
run("npx", ["prisma", "migrate", "deploy"]);
// react-server: the seed runs server modules (the call simulator writes the demo's call history), whose
// "server-only" marker resolves to nothing under that condition, as in the app server.
run("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"]);

const server = spawn(process.execPath, ["scripts/server.mjs"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
