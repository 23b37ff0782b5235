import "server-only";
// The Management API pipeline, shared by /platform_api (cmd=) and /platform_api/<Method>:
// the client address's failed-authentication allowance (340 before any key lookup) -> read
// parameters -> authenticate (Bearer JWT only) -> rate limit per key -> resolve the method
// (102/103) -> the method's key roles and owner-only reach (104) before anything else runs -> exactly-one-of
// groups (449/458/485) -> zod parameters (485/134/101/...) -> handler. Every outcome is HTTP 200
// JSON (errors as {"error":{"code","msg"}}), never a stack or a database message, and every
// call of a known account is written to its audit log with the key, the method and the outcome
// (a key's repeated failed authentications as one row per minute, with a count).
import { z } from "zod";
import { canCallApi, isApiMethod, keyMayCall } from "@/lib/access/api-methods";
import { auditNow, auditRepeated } from "@/lib/core/audit";
import { systemClock, type Clock } from "@/lib/core/clock";
import { clientIpFrom, publicOrigin } from "@/lib/core/request-info";
import { reasonOf } from "@/lib/core/validate";
import { recordKeyUse } from "@/lib/auth/api-keys";
import { authenticate, AuthError, type Authenticated } from "./auth";
import { REASON_CODES } from "./codes";
import { API_ERROR, ApiError, errorBody, toApiError } from "./errors";
import { REGISTRY } from "./methods";
import { apiAuthFailureLimiter, apiRateLimiter, type AuthFailureLimiter, type RateLimiter } from "./rate-limit";
import { ApiFile, type RegisteredMethod } from "./registry";
import { readParams, refuseNul } from "./request";
import { dropBlanks, type RawParams } from "./wire";

/** A key's failed authentications within this long of its last row add to that row's count. */
export const AUTH_FAILURE_AUDIT_WINDOW_MS = 60_000;

export type HandleOptions = {
  clock?: Clock;
  limiter?: RateLimiter;
  authFailures?: AuthFailureLimiter;
  registry?: ReadonlyMap<string, RegisteredMethod>;
};

const HEADERS = { "cache-control": "private, no-store", "content-type": "application/json; charset=utf-8" };

export function jsonResponse(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: HEADERS });
}

/** Whether a parameter was sent with a non-blank value. */
function sent(raw: RawParams, name: string): boolean {
  const v = Object.hasOwn(raw, name) ? raw[name] : undefined;
  if (v === undefined) return false;
  return (Array.isArray(v) ? v : [v]).some((x) => x.trim() !== "");
}

function checkOneOf(def: RegisteredMethod, raw: RawParams) {
  for (const { params, required } of def.oneOf ?? []) {
    const [a, b] = params;
    const both = sent(raw, a) && sent(raw, b);
    if (both) {
      const isRoles = a === "role_id" && b === "role_name";
      throw new ApiError(
        isRoles ? API_ERROR.ROLE_ID_AND_NAME : API_ERROR.ONLY_ONE_OF,
        isRoles ? "Specify only one of the parameters: 'role_id' or 'role_name'" : `Specify only one of the parameters: '${a}' or '${b}'`,
      );
    }
    if (required && !sent(raw, a) && !sent(raw, b)) {
      throw new ApiError(API_ERROR.SPECIFY_PARAM, `Specify the '${a}' or '${b}' parameter`);
    }
  }
}

/** The first zod issue -> the contract's code, naming the wire parameter. */
function paramError(issue: z.core.$ZodIssue, raw: RawParams): ApiError {
  const param = String(issue.path[0] ?? "");
  const value = Object.hasOwn(raw, param) ? raw[param] : undefined;
  if (issue.code === "invalid_type" && (value === undefined || !sent(raw, param))) {
    return value === undefined
      ? new ApiError(API_ERROR.SPECIFY_PARAM, `Specify the '${param}' parameter`)
      : new ApiError(API_ERROR.REQUIRED_EMPTY, `The required parameter '${param}' is empty`);
  }
  // Wire-level issues (lib/api/wire.ts) carry their code; domain schemas carry a reason.
  const params = "params" in issue ? (issue.params as { apiCode?: unknown } | undefined) : undefined;
  const reason = reasonOf(issue);
  const code = typeof params?.apiCode === "number" ? params.apiCode : reason ? REASON_CODES[reason] : API_ERROR.INVALID_ARGUMENTS;
  return new ApiError(code, param ? `Invalid '${param}': ${messageOf(issue)}` : messageOf(issue));
}

/** The issue's message; for a value outside an enum, its allowed values in the API's words rather than zod's. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code !== "invalid_value" || !issue.message.startsWith("Invalid option")) return issue.message;
  const values = issue.values.map(String);
  return values.length === 1 ? `the only accepted value is ${values[0]}` : `use one of ${values.slice(0, -1).join(", ")} or ${values.at(-1)}`;
}

function parseParams(def: RegisteredMethod, raw: RawParams): Record<string, unknown> {
  const parsed = def.params.safeParse(dropBlanks(def.params.shape, raw));
  if (parsed.success) return parsed.data;
  throw paramError(parsed.error.issues[0]!, raw);
}

function singleValue(v: RawParams[string] | undefined): string | undefined {
  if (v === undefined) return undefined;
  const s = (Array.isArray(v) ? v[v.length - 1] : v) ?? "";
  return s.trim() === "" ? undefined : s.trim();
}

/** GetAccountInfo's api_address: on the panel's public base URL, never the listener's bind address. */
function apiAddressOf(request: Request): string {
  return `${publicOrigin(request.headers)}/platform_api`;
}

type AuditRow = { action: string; target: string; outcome: "ok" | "denied" | "failed"; detail: Record<string, unknown> };

async function writeAudit(auth: Authenticated | null, authError: AuthError | null, ip: string, row: AuditRow, at = new Date()) {
  const entry = { action: row.action, targetType: "api_method", targetId: row.target, detail: row.detail, outcome: row.outcome };
  try {
    if (auth) await auditNow(auth.actor, entry);
    else if (authError?.accountId !== undefined) {
      const who = { accountId: authError.accountId, actorType: "key" as const, actorId: authError.keyId ?? "", actorName: authError.keyName ?? "", ip };
      await auditRepeated(who, { ...entry, at }, AUTH_FAILURE_AUDIT_WINDOW_MS, { sameDetail: ["code"] });
    }
  } catch (e) {
    // The answer must not depend on the log; a failed write is still worth an operator's eye.
    console.error("Management API: could not write the audit row", e);
  }
}

function outcomeOf(code: number): "denied" | "failed" {
  return code === API_ERROR.AUTH_FAILED || code === API_ERROR.FORBIDDEN_CMD || code === API_ERROR.RATE_LIMITED ? "denied" : "failed";
}

/**
 * Answers one Management API request. `pathMethod` is the <Method> of /platform_api/<Method>,
 * or null on /platform_api (then the `cmd` parameter names it).
 */
export async function handleApiRequest(request: Request, pathMethod: string | null, opts: HandleOptions = {}): Promise<Response> {
  const clock = opts.clock ?? systemClock;
  const limiter = opts.limiter ?? apiRateLimiter;
  const authFailures = opts.authFailures ?? apiAuthFailureLimiter;
  const registry = opts.registry ?? REGISTRY;
  const ip = clientIpFrom(request.headers);
  // Before anything that costs a lookup, a signature check or a write.
  if (!authFailures.allows(ip, clock().getTime())) {
    return jsonResponse(errorBody(new ApiError(API_ERROR.RATE_LIMITED, "Too many failed authentications from this address: try again later")));
  }
  let auth: Authenticated | null = null;
  let def: RegisteredMethod | undefined;
  let raw: RawParams = {};
  let methodName = pathMethod ?? "";
  try {
    raw = await readParams(request);
    methodName = pathMethod ?? singleValue(raw.cmd) ?? "";
    try {
      auth = await authenticate(request, raw, clock, ip);
    } catch (e) {
      if (e instanceof AuthError) {
        const at = clock();
        authFailures.fail(ip, at.getTime());
        await writeAudit(null, e, ip, {
          action: "api.auth_failed",
          target: methodName.slice(0, 64),
          outcome: "denied",
          detail: { method: methodName.slice(0, 64), code: e.code, msg: e.reason },
        }, at);
      }
      throw e;
    }
    try {
      await recordKeyUse(auth.actor.keyId, clock());
    } catch (e) {
      // "Last used" is a convenience: it never fails a call.
      console.error("Management API: could not record the key's use", e);
    }

    const limit = limiter.take(auth.actor.keyId, clock().getTime());
    if (!limit.allowed) {
      if (limit.firstInWindow) {
        await writeAudit(auth, null, ip, {
          action: "api.rate_limited",
          target: methodName.slice(0, 64),
          outcome: "denied",
          detail: { method: methodName.slice(0, 64), code: API_ERROR.RATE_LIMITED },
        });
      }
      return jsonResponse(errorBody(new ApiError(API_ERROR.RATE_LIMITED, "Rate limit exceeded: slow down")));
    }

    if (!methodName) throw new ApiError(API_ERROR.MISSING_CMD, "Missing the 'cmd' parameter");
    def = isApiMethod(methodName) ? registry.get(methodName) : undefined;
    if (!def) throw new ApiError(API_ERROR.UNKNOWN_CMD, `Unknown command '${methodName.slice(0, 64)}'`);
    if (!canCallApi(auth.actor.roles, def.name)) {
      throw new ApiError(API_ERROR.FORBIDDEN_CMD, `Forbidden command: the key's roles do not allow ${def.name}`);
    }
    if (!keyMayCall(auth.actor, def.name)) {
      throw new ApiError(API_ERROR.FORBIDDEN_CMD, `Forbidden command: only keys created by the account owner may call ${def.name}`);
    }
    checkOneOf(def, raw);
    const params = parseParams(def, raw);
    refuseNul(params);
    const body = await def.handler(params, { actor: auth.actor, account: auth.account, clock, apiAddress: apiAddressOf(request) });
    await writeAudit(auth, null, ip, { action: "api.call", target: def.name, outcome: "ok", detail: { method: def.name } });
    return body instanceof ApiFile ? body.response : jsonResponse(body);
  } catch (e) {
    const sentNames = new Set(Object.keys(raw).filter((k) => sent(raw, k)));
    const err = toApiError(e, def?.errors, sentNames, def ? new Set(Object.keys(def.params.shape)) : undefined);
    if (auth) {
      await writeAudit(auth, null, ip, {
        action: "api.call",
        target: (def?.name ?? methodName).slice(0, 64),
        outcome: outcomeOf(err.code),
        detail: { method: (def?.name ?? methodName).slice(0, 64), code: err.code, msg: err.message },
      });
    }
    return jsonResponse(errorBody(err));
  }
}
