import "server-only";
// What a route handler that takes an upload must check itself (docs/SECURITY.md: route handlers
// get no CSRF check from Next, unlike server actions): that the request comes from the panel's own
// origin, and that the body stays under its limit, refused before it is all read.

/** Whether the request's Origin header names `panel` (scheme, host and port; a missing, "null" or malformed one never does). */
export function sameOrigin(origin: string | null, panel: string): boolean {
  try {
    return origin !== null && new URL(origin).origin === new URL(panel).origin;
  } catch {
    return false;
  }
}

/** The body's bytes, or null as soon as it passes `limit` bytes (the rest is never read). */
export async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array | null> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
