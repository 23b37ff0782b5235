// Runtime configuration: every environment variable the app reads is declared, documented and
// validated here, and read through env() only (test/architecture.test.ts greps for any other
// process.env read under app/, components/ and lib/). Every knob has a safe default so
// `npm start` works bare. scripts/server.mjs (plain Node, before Next loads) reads PORT, HOSTNAME
// and TRUST_PROXY_HOPS itself; `npm start` validates them here first (prisma/seed.ts calls env()).
import { z } from "zod";

const ZBool = z.enum(["true", "false", "1", "0"], { error: "must be true, false, 1 or 0" }).transform((v) => v === "true" || v === "1");
const ZPositiveInt = z.coerce.number({ error: "must be a number" }).int("must be a whole number").positive("must be positive");
const optionalText = z.string().optional().transform((v) => (v === "" ? undefined : v));

const ZEnv = z.object({
  /**
   * The database: a `file:` path (embedded SQLite), `postgres://` / `postgresql://` (PostgreSQL,
   * created with C collation: lib/core/db-check.ts), or `libsql://`, `http(s)://`, `ws(s)://`
   * (a libSQL server or Turso).
   */
  DATABASE_URL: optionalText.transform((v) => v ?? "file:./data/switchboard.db"),
  /** Forces the driver: `better-sqlite3`, `libsql` (which also works on a `file:` URL) or `pg` (PostgreSQL URLs only). Default: from the URL. */
  DATABASE_ADAPTER: z.enum(["better-sqlite3", "libsql", "pg"], { error: 'must be "better-sqlite3", "libsql" or "pg"' }).optional(),
  /** PostgreSQL only: the most connections one app server opens (node-postgres pool size). */
  DATABASE_POOL_SIZE: ZPositiveInt.max(1000, "must be at most 1000").default(10),
  /** The libSQL / Turso auth token. */
  DATABASE_AUTH_TOKEN: optionalText,
  /** Signs the session cookie; the same value on every app server. `npm start` generates one into data/auth-secret. */
  AUTH_SECRET: optionalText,
  /** HTTP port of `npm start`. */
  PORT: ZPositiveInt.max(65535, "must be a port number").default(3000),
  /** The address `npm start` listens on. */
  HOSTNAME: z.string().min(1).default("0.0.0.0"),
  /** `false` removes /signup. */
  SIGNUP_ENABLED: ZBool.default(true),
  /** `false`: no demo account on an empty database. */
  SEED_DEMO: ZBool.default(true),
  /** Where the demo seed writes the demo service account's credentials.json. */
  DEMO_CREDENTIALS_PATH: z.string().min(1).default("data/demo-credentials.json"),
  /** Let webhooks go to loopback and private addresses (a closed network; the test suite's receiver). Off: public addresses only. */
  WEBHOOKS_ALLOW_PRIVATE: ZBool.default(false),
  /** `false`: this app server runs no call scheduler (lib/domains/calls/scheduler.ts); another server sharing the database must. */
  CALL_SCHEDULER: ZBool.default(true),
  /** The platform domain in full application names: <app>.<account>.<domain>. */
  PLATFORM_DOMAIN: z.string().min(1).default("switchboard.local"),
  /** Absolute session lifetime from login; the seed says 8 hours. */
  SESSION_TTL_SECONDS: ZPositiveInt.default(8 * 60 * 60),
  /** Per-IP login limiter: failures one address may make within the window before it must wait. */
  LOGIN_IP_MAX_FAILURES: ZPositiveInt.default(100),
  LOGIN_IP_WINDOW_SECONDS: ZPositiveInt.default(15 * 60),
  /** Behind n reverse proxies, the client address is n hops from the right of X-Forwarded-For; 0 trusts only the socket. */
  TRUST_PROXY_HOPS: z.coerce.number({ error: "must be a number" }).int().min(0, "must be 0 or more").default(0),
  /** The panel's public base URL (printed links, api_address, the OpenAPI server URL); default: from the request. */
  PUBLIC_URL: optionalText.pipe(z.url({ error: "must be an absolute URL" }).optional()).transform((v) => v?.replace(/\/+$/, "")),
  /** Management API calls one key may make per second on each app server before answering 340 (lib/api/rate-limit.ts says why per server). */
  API_RATE_LIMIT_PER_SECOND: z.coerce.number({ error: "must be a number" }).positive("must be positive").default(50),
  /** Failed Management API authentications one client address may make in a burst before it is answered 340 (per app server). */
  API_AUTH_MAX_FAILURES: ZPositiveInt.default(20),
  /** The time that burst takes to refill: the address regains API_AUTH_MAX_FAILURES attempts over this many seconds. */
  API_AUTH_FAILURE_WINDOW_SECONDS: ZPositiveInt.default(60),
  /**
   * Tests only (npm test, vitest): a PostgreSQL server URL whose user may CREATE DATABASE; the
   * Postgres test steps make and drop their own databases there. Unset: scripts/postgres.mjs
   * starts a throwaway cluster. The app itself never reads it.
   */
  TEST_POSTGRES_URL: optionalText,
  /** Set by Next and `npm start`. */
  NODE_ENV: z.enum(["development", "production", "test"]).optional(),
});

export type Env = z.infer<typeof ZEnv>;
export const ENV_VARIABLES = Object.keys(ZEnv.shape) as (keyof Env)[];

let cached: { key: string; value: Env } | undefined;
/**
 * A production process reads its environment once: nothing in it changes these variables at run
 * time, and each process.env read is a call into Node (about 1 µs; env() reads all of them, several
 * times per request: issue 11's profile of the API reads).
 */
const READ_ONCE = process.env.NODE_ENV === "production";

/**
 * The validated configuration. Outside production (tests set variables at run time) re-parsed only
 * when one of its variables changed, so a hot path pays one string join; in production read once.
 * Throws an Error naming the variable and the rule when a value is unusable.
 */
export function env(): Env {
  if (READ_ONCE && cached) return cached.value;
  const key = ENV_VARIABLES.map((k) => process.env[k] ?? "\u0000").join("\u0001");
  if (cached?.key === key) return cached.value;
  const parsed = ZEnv.safeParse(Object.fromEntries(ENV_VARIABLES.map((k) => [k, process.env[k] || undefined])));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  cached = { key, value: parsed.data };
  return parsed.data;
}

/**
 * Auth.js reads AUTH_URL itself (next-auth's route handlers and its in-process auth(), signIn and
 * signOut): with PUBLIC_URL set it must name the same address, so that Auth.js's redirects, its
 * cookie names (`__Secure-` under https) and publicOrigin() agree. Points AUTH_URL at
 * `<PUBLIC_URL origin>/api/auth` (Auth.js's base path) unless the operator set it; without
 * PUBLIC_URL, Auth.js stays on the request's host like publicOrigin().
 */
export function syncAuthUrl(): void {
  const publicUrl = env().PUBLIC_URL;
  if (publicUrl && !process.env.AUTH_URL && !process.env.NEXTAUTH_URL) {
    process.env.AUTH_URL = `${new URL(publicUrl).origin}/api/auth`;
  }
}
