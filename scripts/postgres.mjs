#!/usr/bin/env node
// A throwaway PostgreSQL cluster for the test suite (npm test's Postgres steps), so that nobody
// has to start a database server by hand:
//
//   - TEST_POSTGRES_URL set (a server URL whose user may CREATE DATABASE): that server is used
//     and nothing is started; the tests create and drop their own databases in it.
//   - Otherwise the PostgreSQL binaries are looked up (PATH, then /usr/lib/postgresql/<n>/bin,
//     newest first). Missing: as root on Debian, Debian's `postgresql` package is installed with
//     apt-get, non-interactively and without the default cluster the package would start;
//     otherwise the exact command to run is printed and the run fails.
//   - `initdb` (C locale, UTF-8, trust auth on loopback) into a new temporary folder, started with
//     `pg_ctl` on a free loopback port with durability off (it is thrown away), run as the
//     `postgres` system user when running as root (PostgreSQL refuses root), and removed with
//     its folder when the process exits.
//
// `node scripts/postgres.mjs` starts one by hand and prints its URL until Ctrl-C.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const BINARIES = ["initdb", "pg_ctl", "postgres"];

/** The folder holding initdb, pg_ctl and postgres, or null. */
export function findPostgresBin() {
  const candidates = [];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (dir) candidates.push(dir);
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(path.join(debian, v, "bin"));
  }
  return candidates.find((dir) => BINARIES.every((b) => existsSync(path.join(dir, b)))) ?? null;
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;
const canApt = () => isRoot() && existsSync("/etc/debian_version") && spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;

const INSTALL_HELP = `PostgreSQL is missing: npm test runs the integration suite on a throwaway PostgreSQL cluster.
Either install the server binaries, then run npm test again:

    sudo apt-get update && sudo apt-get install -y postgresql        # Debian / Ubuntu
    (elsewhere: a PostgreSQL 15 or later whose initdb, pg_ctl and postgres are on PATH)

or point the suite at a server you run yourself (its user must be allowed to CREATE DATABASE):

    TEST_POSTGRES_URL=postgresql://user:password@host:5432/postgres npm test
`;

/** Installs Debian's postgresql package (root, Debian, no prompts), without its default cluster. */
function aptInstallPostgres() {
  console.log("Installing Debian's postgresql package (apt-get, non-interactive)...");
  // The package would create and start a "main" cluster on port 5432; the suite needs none.
  const conf = "/etc/postgresql-common/createcluster.conf";
  if (!existsSync(conf)) {
    mkdirSync(path.dirname(conf), { recursive: true });
    writeFileSync(conf, "# Written by Switchboard's scripts/postgres.mjs: no default cluster on install.\ncreate_main_cluster = false\n");
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const opts = { stdio: ["ignore", "inherit", "inherit"], env };
  execFileSync("apt-get", ["update", "-qq"], opts);
  execFileSync("apt-get", ["install", "-y", "-qq", "-o", "Dpkg::Options::=--force-confold", "postgresql"], opts);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL binary, as the postgres system user when we are root. */
function runAs(user, bin, args, opts = {}) {
  const [cmd, argv] = user ? ["runuser", ["-u", user, "--", bin, ...args]] : [bin, args];
  // cwd: the temporary folder, which that user can enter (a checkout under /root may not be).
  const r = spawnSync(cmd, argv, { encoding: "utf8", cwd: tmpdir(), ...opts });
  if (r.status !== 0) {
    throw new Error(`${path.basename(bin)} failed (exit ${r.status ?? r.signal}):\n${r.stdout ?? ""}${r.stderr ?? ""}`);
  }
  return r;
}

function systemUser() {
  if (!isRoot()) return null;
  for (const name of ["postgres", "nobody"]) if (spawnSync("id", ["-u", name]).status === 0) return name;
  throw new Error("Running as root, but there is neither a postgres nor a nobody user to run PostgreSQL as (it refuses root).");
}

/**
 * Starts a throwaway cluster (or takes TEST_POSTGRES_URL). Returns `{ url, stop, started }`: `url`
 * is a server URL whose user may create databases (`.../postgres`), `stop()` stops the cluster and
 * removes its folder (idempotent; also run at process exit). Throws with INSTALL_HELP's text when
 * PostgreSQL is missing and cannot be installed.
 */
export async function startPostgres({ log = console.log } = {}) {
  const given = process.env.TEST_POSTGRES_URL;
  if (given) {
    log(`Using TEST_POSTGRES_URL (${given.replace(/\/\/[^@/]*@/, "//***@")})`);
    return { url: given, stop() {}, started: false };
  }
  let bin = findPostgresBin();
  if (!bin && canApt()) {
    aptInstallPostgres();
    bin = findPostgresBin();
  }
  if (!bin) throw new Error(INSTALL_HELP);

  const user = systemUser();
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-pg-"));
  const data = path.join(dir, "data");
  const logFile = path.join(dir, "postgres.log");
  if (user) {
    const uid = Number(execFileSync("id", ["-u", user], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", user], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (existsSync(path.join(data, "postmaster.pid"))) {
      try {
        runAs(user, path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], { stdio: "ignore" });
      } catch {
        /* already stopped */
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on("exit", stop);
  try {
    runAs(user, path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--locale=C", "--encoding=UTF8", "--no-sync", "--no-instructions"]);
    const port = await freePort();
    // Unix socket in the cluster's own folder; durability off: the data is thrown away.
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    runAs(user, path.join(bin, "pg_ctl"), ["-D", data, "-l", logFile, "-o", opts, "-w", "-t", "60", "start"], { stdio: ["ignore", "ignore", "pipe"] });
    const version = runAs(user, path.join(bin, "postgres"), ["--version"]).stdout.trim();
    const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    log(`Started a throwaway ${version} cluster in ${dir} on 127.0.0.1:${port}`);
    return { url, stop, started: true };
  } catch (e) {
    stop();
    throw e;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const pg = await startPostgres();
    console.log(`TEST_POSTGRES_URL=${pg.url}\n(Ctrl-C stops the cluster and removes it)`);
    for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(0));
    setInterval(() => {}, 1 << 30);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
