import "server-only";
// Management API authentication (docs/management-api.md "Authentication", docs/SECURITY.md "API tokens",
// RFC 8725). Bearer JWT only: the session cookie is never read here, so the urlencoded and
// multipart bodies (no CORS preflight) cannot be replayed cross-site. RS256 only, key by `kid`
// from the database (a deleted key fails on its very next request), signature before any
// claim is trusted, then lifetime and skew, then `iss` = the key's account or a direct child.
import { createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { compactVerify, decodeProtectedHeader } from "jose";
import { findApiKeyForAuth, findChildAccountForAuth } from "@/lib/auth/api-keys";
import { authorizedIpEntries } from "@/lib/domains/authorized-ips/queries";
import { ipVerdict } from "@/lib/domains/authorized-ips/verdict";
import type { Actor } from "@/lib/access/actor-types";
import { assignableRolesOf } from "@/lib/access/api-roles";
import { keyMayActOnChild } from "@/lib/access/child-account-roles";
import type { Clock } from "@/lib/core/clock";
import { LruMap } from "@/lib/core/lru";
import { API_ERROR, ApiError } from "./errors";
import type { RawParams } from "./wire";

export const MAX_TOKEN_TTL_SECONDS = 3600;
export const CLOCK_SKEW_SECONDS = 30;

/**
 * An authentication failure; `accountId` is set when the key (and so the account) is known, for
 * the audit log, and `reason` says why for the operator (the log), never for the client.
 */
export class AuthError extends ApiError {
  readonly accountId?: number;
  readonly keyId?: string;
  readonly keyName?: string;
  readonly reason: string;
  constructor(code: number, msg: string, key?: { accountId: number; id: string; name: string }, reason = msg) {
    super(code, msg);
    this.accountId = key?.accountId;
    this.keyId = key?.id;
    this.keyName = key?.name;
    this.reason = reason;
  }
}

/** The one answer to every 100 that depends on the key: an unknown kid, a wrong signature, ... */
export const AUTH_FAILED_MESSAGE = "Authorization failed";

export type ApiAccount = { id: number; name: string; email: string };
export type Authenticated = { actor: Actor & { kind: "key"; keyId: string }; account: ApiAccount };

const TOKEN_RE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const MAX_TOKEN_LENGTH = 8192;

const malformed = (what: string) => new AuthError(API_ERROR.BAD_TOKEN_FORMAT, `Invalid token format: ${what}`);
// Known and unknown kids get the same answer (docs/SECURITY.md "API tokens"): the client sees
// AUTH_FAILED_MESSAGE whatever went wrong; `reason` goes to the audit row only.
const denied = (reason = AUTH_FAILED_MESSAGE, key?: { accountId: number; id: string; name: string }) =>
  new AuthError(API_ERROR.AUTH_FAILED, AUTH_FAILED_MESSAGE, key, reason);

// An unknown kid still pays for a signature check, against a key no token can match, so the
// answer's timing does not tell known kids from unknown ones either.
let decoyKey: KeyObject | undefined;
async function decoyVerify(token: string): Promise<void> {
  decoyKey ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey;
  await compactVerify(token, decoyKey, { algorithms: ["RS256"] }).catch(() => undefined);
}

// Parsed public keys by key id and PEM, least recently used dropped first: parsing costs more
// than the signature check itself.
const publicKeys = new LruMap<string, KeyObject>(1000);
function publicKeyOf(id: string, pem: string): KeyObject {
  const cacheKey = `${id}\n${pem}`;
  let k = publicKeys.get(cacheKey);
  if (!k) {
    k = createPublicKey(pem);
    publicKeys.set(cacheKey, k);
  }
  return k;
}

/** Tokens whose signature has been checked, kept per process, least recently used dropped first. */
export const VERIFIED_TOKEN_ENTRIES = 1000;
const verifiedPayloads = new LruMap<string, Uint8Array>(VERIFIED_TOKEN_ENTRIES);
let signatureChecks = 0;

/** How many RS256 signature checks this process has run (the verified-token cache's misses). */
export function signatureCheckCount(): number {
  return signatureChecks;
}

/**
 * The payload of `token` once its RS256 signature checks out against the key's public key.
 * A script sends the same token for its whole lifetime (up to an hour), and a check through
 * jose's WebCrypto costs about 180 µs of a 2.8 ms API read (issue 11), so a checked signature is
 * remembered by key id, public key PEM and the whole token: only the identical bytes, under the
 * same key, skip the check. Everything else (the key row, the account, the subuser, lifetime and
 * expiry against the clock, iss) is still checked on every request by authenticate().
 * Throws what compactVerify throws on a bad signature.
 */
async function verifiedPayload(token: string, key: { id: string; publicKeyPem: string }): Promise<Uint8Array> {
  const cacheKey = `${key.id}\n${key.publicKeyPem}\n${token}`;
  const hit = verifiedPayloads.get(cacheKey);
  if (hit) return hit;
  signatureChecks++;
  const { payload } = await compactVerify(token, publicKeyOf(key.id, key.publicKeyPem), { algorithms: ["RS256"] });
  verifiedPayloads.set(cacheKey, payload);
  return payload;
}

function bearerToken(request: Request): string {
  const header = request.headers.get("authorization");
  if (!header) throw new AuthError(API_ERROR.AUTH_FAILED, "Authorization required: send Authorization: Bearer <JWT>");
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw malformed("expected Authorization: Bearer <JWT>");
  const token = m[1]!;
  if (token.length > MAX_TOKEN_LENGTH || !TOKEN_RE.test(token)) throw malformed("not a compact JWS");
  return token;
}

type Claims = { iss: string; iat: number; exp: number };

function claimsOf(payload: Uint8Array): Claims {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payload));
  } catch {
    throw malformed("the payload is not JSON");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw malformed("the payload is not an object");
  const { iss, iat, exp } = json as Record<string, unknown>;
  if ((typeof iss !== "number" && typeof iss !== "string") || String(iss) === "") throw malformed("the 'iss' claim is missing");
  if (typeof iat !== "number" || !Number.isFinite(iat)) throw malformed("the 'iat' claim is missing");
  if (typeof exp !== "number" || !Number.isFinite(exp)) throw malformed("the 'exp' claim is missing");
  return { iss: String(iss), iat, exp };
}

/**
 * Verifies the request's token and returns the key actor. Throws AuthError with the contract's
 * code: 447 malformed; 100 unknown/deleted key, bad signature, foreign iss, a subuser's key on a
 * child account, inactive account or creator, an address the account's authorized IP lists
 * refuse; 454 lifetime over an hour; 455 issued in the future; 456 expired (30 s skew).
 */
export async function authenticate(request: Request, params: RawParams, clock: Clock, ip: string): Promise<Authenticated> {
  const token = bearerToken(request);
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw malformed("the header is not valid");
  }
  // Pinning the algorithm before looking anything up rejects "none" and HS256-with-the-public-key.
  if (header.alg !== "RS256") throw new AuthError(API_ERROR.AUTH_FAILED, "Only RS256-signed tokens are accepted");
  const kid = header.kid;
  if (typeof kid !== "string" || kid.length === 0 || kid.length > 128) throw malformed("the 'kid' header is missing");
  // PostgreSQL cannot hold a NUL in text: the lookup would fail there as a server error.
  if (kid.includes("\u0000")) throw malformed("the 'kid' header is not a key id");

  const key = await findApiKeyForAuth(kid);
  if (!key) {
    await decoyVerify(token);
    throw denied("Authorization failed: unknown key");
  }
  const who = { accountId: key.accountId, id: key.id, name: key.name };

  let payload: Uint8Array;
  try {
    payload = await verifiedPayload(token, key);
  } catch {
    throw denied("Authorization failed: invalid signature", who);
  }

  const claims = claimsOf(payload);
  const now = Math.floor(clock().getTime() / 1000);
  if (claims.exp - claims.iat > MAX_TOKEN_TTL_SECONDS) {
    throw new AuthError(API_ERROR.TOKEN_TTL, `Token lifetime (exp - iat) must not exceed ${MAX_TOKEN_TTL_SECONDS} seconds`, who);
  }
  if (claims.iat > now + CLOCK_SKEW_SECONDS) throw new AuthError(API_ERROR.TOKEN_FROM_FUTURE, "Token issued in the future", who);
  if (claims.exp < now - CLOCK_SKEW_SECONDS) throw new AuthError(API_ERROR.TOKEN_EXPIRED, "Token expired", who);

  if (!key.account.active) throw denied("Authorization failed: the account is not active", who);
  if (key.subuser && !key.subuser.active) throw denied("Authorization failed: the key's subuser is not active", who);
  // The account's authorized IP lists (Settings > Security), after the signature, so the answer
  // may say why: only a holder of a valid token learns that its address is refused. Accounts
  // without lists read nothing more.
  if (key.authorizedIps > 0) {
    const verdict = ipVerdict(await authorizedIpEntries(key.accountId), ip);
    if (!verdict.allowed) {
      throw new AuthError(API_ERROR.AUTH_FAILED, `Authorization failed: the address ${ip} may not call the Management API for this account (its authorized IP lists, Settings > Security)`, who);
    }
  }

  // The Java client repeats the account as a parameter: harmless when it agrees, refused otherwise.
  const accountParam = Object.hasOwn(params, "account_id") ? params.account_id : undefined;
  if (accountParam !== undefined) {
    const v = Array.isArray(accountParam) ? accountParam : [accountParam];
    if (v.some((x) => x.trim() !== claims.iss)) throw denied("Authorization failed: account_id does not match the token", who);
  }

  let account: ApiAccount = key.account;
  let onChild = false;
  if (claims.iss !== String(key.accountId)) {
    const childId = /^\d{1,16}$/.test(claims.iss) ? Number(claims.iss) : NaN;
    const child = Number.isSafeInteger(childId)
      ? await findChildAccountForAuth(key.accountId, childId)
      : null;
    if (!child) throw denied("Authorization failed: the token's account is not the key's account nor one of its child accounts", who);
    // Child accounts are the account owner's alone: a subuser's key reaches none of them.
    if (!keyMayActOnChild(key)) throw denied("Authorization failed: only keys created by the account owner act on child accounts", who);
    if (!child.active) throw denied("Authorization failed: the account is not active", who);
    account = child;
    onChild = true;
  }

  // A key never holds more than its creator (defence in depth: the writes keep it so too).
  let roles = assignableRolesOf(key.roles.map((r) => r.role));
  if (key.subuser) {
    const creator = new Set(key.subuser.roles.map((r) => r.role));
    roles = roles.filter((r) => creator.has(r));
  }

  return {
    account: { id: account.id, name: account.name, email: account.email },
    actor: {
      kind: "key",
      accountId: account.id,
      accountName: account.name,
      // On a child account the key (always the account owner's: keyMayActOnChild) acts as that
      // account's owner would, within its roles and the child's role limits.
      subuserId: onChild ? null : key.subuserId,
      keyId: key.id,
      name: key.name,
      roles,
      ip,
    },
  };
}
