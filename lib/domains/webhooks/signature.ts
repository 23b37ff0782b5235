// How a webhook delivery is signed, for the receiver to check (README "Webhooks"):
// X-Switchboard-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the webhook's secret>,
// X-Switchboard-Timestamp: <Unix seconds, UTC>. Signing the timestamp lets a receiver refuse replays.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A new webhook secret: 32 random bytes, hex (64 characters). */
export function newWebhookSecret(): string {
  return randomBytes(32).toString("hex");
}

/** The X-Switchboard-Signature value for `body` sent at `timestamp` (Unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What a receiver does: whether `signature` is the one for this body and timestamp (constant time). */
export function verifyWebhook(secret: string, timestamp: number, body: string, signature: string): boolean {
  const want = Buffer.from(signWebhook(secret, timestamp, body));
  const got = Buffer.from(signature);
  return got.length === want.length && timingSafeEqual(got, want);
}
