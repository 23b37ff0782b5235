import "server-only";
// The panel's session cookie is an Auth.js JWT (JWE: dir + A256CBC-HS512, the key derived from
// AUTH_SECRET by HKDF). Auth.js decrypts it on every request that reads the session: an HKDF, a
// SHA-256 thumbprint, an AES-CBC decryption and an HMAC through WebCrypto, about 2% of a page's
// CPU here (issue 11). A browser sends the same cookie until it is re-issued, so a decrypted
// token is remembered by its exact bytes: only a token this process has already decrypted and
// authenticated skips the work. Its expiry is still checked on every use, and the session row
// behind it is still read on every request (lib/auth/config.ts's jwt callback), so revoking a
// session or an inactive principal ends it on the very next request, as before.
import { decode, type JWT, type JWTDecodeParams } from "next-auth/jwt";
import { LruMap } from "@/lib/core/lru";

/** Decrypted session tokens kept per process, least recently used dropped first. */
export const SESSION_TOKEN_CACHE_ENTRIES = 1000;
/** Auth.js's own allowance on `exp` (@auth/core/jwt decode: clockTolerance 15 s). */
const CLOCK_TOLERANCE_SECONDS = 15;

const decrypted = new LruMap<string, JWT>(SESSION_TOKEN_CACHE_ENTRIES);
let decryptions = 0;

/** How many tokens this process has decrypted (the cache's misses): tests. */
export function sessionTokenDecryptions(): number {
  return decryptions;
}

/**
 * Auth.js's `jwt.decode` with a cache: the payload of `params.token` ({ sid, iat, exp, jti }),
 * null without a token. Throws what Auth.js's decode throws (a token that does not decrypt or
 * authenticate, or one past `exp` + 15 s at `nowMs`), so Auth.js treats it as no session.
 */
export async function decodeSessionToken(params: JWTDecodeParams, nowMs: number = Date.now()): Promise<JWT | null> {
  if (!params.token) return null;
  const key = `${params.salt}\n${params.token}`;
  const hit = decrypted.get(key);
  if (hit) {
    const exp = typeof hit.exp === "number" ? hit.exp : Infinity;
    if (exp + CLOCK_TOLERANCE_SECONDS >= nowMs / 1000) return { ...hit };
    decrypted.delete(key);
    throw new Error("The session token has expired");
  }
  decryptions++;
  const payload = await decode(params);
  if (payload) decrypted.set(key, { ...payload });
  return payload;
}
