// Test support for the Management API (imported by *.test.ts only): keys inserted straight into
// the database with one shared RSA pair (generating 2048-bit keys per test would be slow),
// tokens signed like the official clients sign them, and calls through the real route
// handlers in every request style of the contract.
import { generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import { db } from "@/lib/core/db";
import type { AssignableRole } from "@/lib/access/matrix";
import { GET as rootGet, POST as rootPost } from "@/app/platform_api/route";
import { GET as methodGet, POST as methodPost } from "@/app/platform_api/[method]/route";

const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
export const TEST_PRIVATE_KEY: KeyObject = pair.privateKey;
export const TEST_PUBLIC_KEY_PEM = pair.publicKey.export({ type: "spki", format: "pem" }).toString();

export type TestKey = { id: string; accountId: number; privateKey: KeyObject };

/** A key row for `accountId`, created by `subuserId` (null: the owner), holding `roles`. */
export async function insertKey(accountId: number, roles: readonly AssignableRole[], subuserId: number | null = null, name = "test-key"): Promise<TestKey> {
  const id = randomUUID();
  await db.apiKey.create({
    data: { id, accountId, subuserId, name, publicKeyPem: TEST_PUBLIC_KEY_PEM, roles: { create: roles.map((role) => ({ role })) } },
  });
  return { id, accountId, privateKey: TEST_PRIVATE_KEY };
}

/** A token as the Node client makes it: iss = account id, iat = now, exp = iat + 64, kid = key id. */
export async function tokenFor(
  key: { id: string; accountId: number; privateKey: KeyObject },
  claims: { iss?: number | string; iat?: number; exp?: number } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const iat = claims.iat ?? now;
  return new SignJWT({ iss: claims.iss ?? key.accountId, iat, exp: claims.exp ?? iat + 64 } as Record<string, unknown>)
    .setProtectedHeader({ alg: "RS256", kid: key.id })
    .sign(key.privateKey);
}

export type ApiBody = { result?: unknown; count?: number; total_count?: number; error?: { code: number; msg: string } } & Record<string, unknown>;

export const REQUEST_STYLES = [
  "cmd-multipart",
  "cmd-urlencoded",
  "cmd-query-get",
  "path-urlencoded",
  "path-multipart",
  "path-query-get",
  "path-query-post",
] as const;
export type RequestStyle = (typeof REQUEST_STYLES)[number];

export type Params = Record<string, string | string[]>;

function entries(params: Params): [string, string][] {
  return Object.entries(params).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v]]));
}

/** Calls a method through the real route handlers, as `style` says, and returns the status and body. */
export async function callApi(
  method: string,
  params: Params,
  opts: { token?: string | null; style?: RequestStyle; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: ApiBody; response: Response }> {
  const style = opts.style ?? "cmd-multipart";
  const headers: Record<string, string> = { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers };
  const viaCmd = style.startsWith("cmd");
  const all: [string, string][] = viaCmd ? [["cmd", method], ...entries(params)] : entries(params);
  const base = viaCmd ? "http://localhost/platform_api" : `http://localhost/platform_api/${encodeURIComponent(method)}`;
  let request: Request;
  if (style.endsWith("query-get") || style === "path-query-post") {
    const url = `${base}?${new URLSearchParams(all).toString()}`;
    request = new Request(url, { method: style === "path-query-post" ? "POST" : "GET", headers });
  } else if (style.endsWith("urlencoded")) {
    request = new Request(base, {
      method: "POST",
      headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(all).toString(),
    });
  } else {
    const form = new FormData();
    for (const [k, v] of all) form.append(k, v);
    request = new Request(base, { method: "POST", headers, body: form });
  }
  let response: Response;
  if (viaCmd) response = await (request.method === "GET" ? rootGet(request) : rootPost(request));
  else {
    const ctx = { params: Promise.resolve({ method }) };
    response = await (request.method === "GET" ? methodGet(request, ctx) : methodPost(request, ctx));
  }
  const text = await response.clone().text();
  let body: ApiBody;
  // A file method's success (DownloadHistoryReport's CSV) reads as {result: <the file's text>},
  // which its declared response shape checks like any other.
  if (response.headers.get("content-type")?.startsWith("text/csv")) return { status: response.status, body: { result: text } as ApiBody, response };
  try {
    body = JSON.parse(text) as ApiBody;
  } catch {
    throw new Error(`Non-JSON body (${response.status}): ${text.slice(0, 200)}`);
  }
  return { status: response.status, body, response };
}

/** Calls with a fresh token for `key`. */
export async function callAs(key: TestKey, method: string, params: Params = {}, style?: RequestStyle) {
  return callApi(method, params, { token: await tokenFor(key), style });
}

/** Everything a call could change, for "nothing written" assertions (audit rows excluded). */
export async function snapshot(accountId: number) {
  const [subusers, keys, roles, keyRoles, apps, users, kv, sessions, numbers, ledger, blacklist, dialogflowKeys, dialogflowBindings, authorizedIps, sipRegistrations, pushCredentials, pushBindings, sqQueues, sqSkills, sqQueueAgents, sqAgentSkills, sqAgentSettings] = await Promise.all([
    db.subuser.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    // A key's lastUsedAt records the authentication every call makes, refused or not (like the
    // audit row, which is not compared either): it is not something the method wrote.
    db.apiKey.findMany({ where: { accountId }, orderBy: { id: "asc" }, omit: { lastUsedAt: true } }),
    db.subuserRole.findMany({ where: { subuser: { accountId } }, orderBy: [{ subuserId: "asc" }, { role: "asc" }] }),
    db.apiKeyRole.findMany({ where: { key: { accountId } }, orderBy: [{ keyId: "asc" }, { role: "asc" }] }),
    db.application.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.appUser.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.kvItem.findMany({ where: { accountId }, orderBy: [{ applicationId: "asc" }, { key: "asc" }] }),
    db.session.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.phoneNumber.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.ledgerEntry.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.pstnBlacklistEntry.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.dialogflowKey.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.dialogflowKeyApplication.findMany({ where: { accountId }, orderBy: [{ keyId: "asc" }, { applicationId: "asc" }] }),
    db.authorizedIp.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.sipRegistration.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.pushCredential.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.pushCredentialApplication.findMany({ where: { accountId }, orderBy: [{ credentialId: "asc" }, { applicationId: "asc" }] }),
    db.sqQueue.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.sqSkill.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    db.sqQueueAgent.findMany({ where: { accountId }, orderBy: [{ queueId: "asc" }, { userId: "asc" }] }),
    db.sqAgentSkill.findMany({ where: { accountId }, orderBy: [{ userId: "asc" }, { skillId: "asc" }] }),
    db.sqAgentSettings.findMany({ where: { accountId }, orderBy: { userId: "asc" } }),
  ]);
  return { subusers, keys, roles, keyRoles, apps, users, kv, sessions, numbers, ledger, blacklist, dialogflowKeys, dialogflowBindings, authorizedIps, sipRegistrations, pushCredentials, pushBindings, sqQueues, sqSkills, sqQueueAgents, sqAgentSkills, sqAgentSettings };
}

// One valid call per registered method, for the registry-wide tables (lib/api/methods.test.ts calls
// every method with a key of every role, lib/api/fuzz.test.ts throws random parameters at each).
// Each domain declares its own in <domain>/api-fixtures.ts; test/api-fixtures.ts merges them.

export type FixtureContext = {
  accountId: number;
  /** The calling key (created by the account owner). */
  key: TestKey;
  roles: readonly AssignableRole[];
};

export type Fixture = {
  params: Params;
  /**
   * The error code expected although the method's roles allow the call (a rule beyond the role
   * table, e.g. a key without roles cannot create keys); undefined: success.
   */
  expectCode?: number;
};

export type Fixtures = Record<string, (ctx: FixtureContext) => Promise<Fixture>>;
