// Signed recording URLs, for applications with secure record storage (seed 002's flag, the
// Management API's secure_record_storage): their recordings are served only on a URL that carries
// an expiry and an HMAC-SHA256 over the recording id and that expiry, made with a key derived
// (HKDF) from AUTH_SECRET, so every app server sharing the secret verifies the others' URLs. The
// panel hands out fresh ones on every render; an expired, altered or foreign signature is
// refused (403). The signature is on top of the session and section check, never instead of it.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/core/env";

/** How long a signed recording URL works (ours): long enough to listen and seek, short enough that a leaked link dies. */
export const SIGNED_URL_TTL_SECONDS = 15 * 60;

let cached: { secret: string; key: Buffer } | null = null;

function key(): Buffer {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: recording URLs cannot be signed");
  if (cached?.secret !== secret) {
    cached = { secret, key: Buffer.from(hkdfSync("sha256", secret, "switchboard", "recording-url-v1", 32)) };
  }
  return cached.key;
}

function mac(recordingId: number, expires: number): string {
  return createHmac("sha256", key()).update(`recording:${recordingId}:${expires}`).digest("base64url");
}

/** The query of a signed URL for a recording, valid until `now` + SIGNED_URL_TTL_SECONDS. */
export function signRecording(recordingId: number, now: Date): { expires: number; sig: string } {
  const expires = Math.floor(now.getTime() / 1000) + SIGNED_URL_TTL_SECONDS;
  return { expires, sig: mac(recordingId, expires) };
}

/**
 * Whether `expires` and `sig` (as they came in the URL) sign this recording and have not expired
 * at `now`. Fails closed: anything missing, malformed, altered or past its expiry is false.
 */
export function verifyRecordingSignature(recordingId: number, expires: string | null, sig: string | null, now: Date): boolean {
  if (!expires || !sig || !/^\d{1,12}$/.test(expires) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return false;
  const exp = Number(expires);
  if (exp * 1000 <= now.getTime()) return false;
  const want = Buffer.from(mac(recordingId, exp));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** The panel's URL of a recording: plain, or signed when the application stores recordings securely. */
export function recordingUrl(recordingId: number, opts: { secure: boolean; now: Date; download?: boolean }): string {
  const q = new URLSearchParams();
  if (opts.download) q.set("download", "1");
  if (opts.secure) {
    const { expires, sig } = signRecording(recordingId, opts.now);
    q.set("expires", String(expires));
    q.set("sig", sig);
  }
  const qs = q.toString();
  return `/calls/recordings/${recordingId}${qs ? `?${qs}` : ""}`;
}
