import "server-only";
// One webhook attempt over HTTP, and the retry schedule; deliverWebhooks (./mutations.ts) claims
// the due deliveries and records each attempt's outcome. The connection goes only to public
// addresses unless WEBHOOKS_ALLOW_PRIVATE (./url-guard.ts); redirects are never followed.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { guardedLookup, refusedLiteral } from "./url-guard";

/** How long a claim holds, in seconds: longer than an attempt's timeout. */
export const CLAIM_SECONDS = 60;
/** An attempt's timeout (ours), milliseconds. */
export const ATTEMPT_TIMEOUT_MS = 5_000;

export type PostResult = { statusCode: number | null; error: string };

/** One POST: the answer's status (its body read and dropped), or null and why there was none. */
export function postWebhook(url: string, headers: Record<string, string>, body: string, opts: { allowPrivate: boolean; timeoutMs?: number }): Promise<PostResult> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ statusCode: null, error: "The webhook's URL is not valid" });
      return;
    }
    const refused = refusedLiteral(target, opts.allowPrivate);
    if (refused) {
      resolve({ statusCode: null, error: refused });
      return;
    }
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(
      target,
      { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, lookup: guardedLookup(opts.allowPrivate), timeout: opts.timeoutMs ?? ATTEMPT_TIMEOUT_MS },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ statusCode: res.statusCode ?? null, error: "" }));
        res.on("error", () => resolve({ statusCode: res.statusCode ?? null, error: "" }));
      },
    );
    req.on("timeout", () => req.destroy(Object.assign(new Error(`No answer within ${(opts.timeoutMs ?? ATTEMPT_TIMEOUT_MS) / 1000} s`), { code: "ETIMEDOUT" })));
    req.on("error", (e: NodeJS.ErrnoException) => resolve({ statusCode: null, error: connectionError(e, target) }));
    req.end(body);
  });
}

/** A failed connection in words: the common causes named, anything else as Node says it. */
function connectionError(e: NodeJS.ErrnoException, url: URL): string {
  switch (e.code) {
    case "ECONNREFUSED":
      return `Connection refused by ${url.host}: nothing listens there`;
    case "ENOTFOUND":
      return `No such host: ${url.hostname}`;
    case "ECONNRESET":
      return `${url.host} closed the connection before answering`;
    case "ETIMEDOUT":
      return e.message;
    default:
      return e.message.slice(0, 300);
  }
}

/** Seconds before attempt `n + 1` after `n` failed attempts: 30, 60, 120, 240, 480. */
export const retryDelaySeconds = (attempts: number) => 30 * 2 ** (attempts - 1);

/** What the deliveries table says of a failed attempt. */
export const outcomeText = (r: PostResult): string =>
  r.statusCode === null ? r.error : r.statusCode >= 300 && r.statusCode < 400 ? `Answered ${r.statusCode}: redirects are not followed` : `Answered ${r.statusCode}`;
