// @ts-check
// The gate in front of Next's server actions (scripts/server.mjs runs it before Next sees the
// request). Next answers a malformed action request with HTTP 500 and a stack in the log: a body
// that is not JSON (`{{{{`, empty), arguments that are not a list, a body over its 1 MB limit, an
// Origin it cannot parse (`http://[`), `null` or foreign; React's reply decoder goes further and
// resolves references ("$@1", "$F", "$h", "$Q" ...) a request can aim anywhere. docs/SECURITY.md
// "Entry points" wants a 4xx with nothing written and nothing logged, so this refuses, before
// Next, every request that is not what our own forms and dialogs send:
//
// - a fetch action (POST with a Next-Action header): an id of this build, an Origin naming this
//   panel (or none, as Next allows), at most ACTION_BODY_LIMIT bytes, and a body that is either a
//   JSON list (text/plain) or multipart form data whose field "0" is that list;
// - a form posted before hydration (multipart POST to a page, no Next-Action): `$ACTION_ID_<id>`
//   or `$ACTION_REF_<n>` fields naming actions of this build, their descriptors well formed;
// - the arguments are what action() (lib/server/action.ts) takes: `(input)`, `(FormData)` or
//   `(previous result, FormData)`, the input plain JSON; the only references allowed are the ones
//   React's client encodes for such values ("$K<n>" for the FormData, "$$..." escapes,
//   "$undefined", "$D<date>", "$n<bigint>", "$-0", "$NaN", "$Infinity", "$-Infinity").
//
// Plain JavaScript (server.mjs loads it without a build); test/action-gate.test.ts tests it.
import { readFileSync } from "node:fs";
import { IncomingMessage } from "node:http";
import path from "node:path";
import { requestOrigin } from "../lib/core/forwarded.mjs";

/** Next's own default body limit for server actions (experimental.serverActions.bodySizeLimit). */
export const ACTION_BODY_LIMIT = 1024 * 1024;
const MAX_ARGS = 2;
const MAX_DEPTH = 32;
const MAX_ACTION_REFS = 2;
/** How long a refused request's remaining body is drained before the connection is cut. */
const DRAIN_MS = 10_000;

/** @typedef {Record<string, string | string[] | undefined>} NodeHeaders */
/** @typedef {{ status: number, message: string, headers?: Record<string, string> }} Refusal */

/**
 * The server action ids of the build in `distDir` (its server-reference-manifest.json); null when
 * the manifest cannot be read, and then ids are left to Next to check.
 * @param {string} distDir
 * @returns {Set<string> | null}
 */
export function loadActionIds(distDir) {
  try {
    const manifest = JSON.parse(readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8"));
    return new Set([...Object.keys(manifest.node ?? {}), ...Object.keys(manifest.edge ?? {})]);
  } catch {
    return null;
  }
}

/** @param {NodeHeaders} headers @param {string} name */
function header(headers, name) {
  const v = headers[name];
  return Array.isArray(v) ? v.join(", ") : v;
}

/**
 * Whether Next would treat this request as a possible server action: a POST to a page (not
 * Auth.js's or the Management API's route handlers) with a Next-Action header or a multipart body.
 * @param {string | undefined} method
 * @param {string | undefined} url
 * @param {NodeHeaders} headers
 */
export function isPossibleAction(method, url, headers) {
  if (method !== "POST") return false;
  const p = String(url ?? "").split("?")[0] ?? "";
  if (p.startsWith("/api/") || p === "/platform_api" || p.startsWith("/platform_api/")) return false;
  if (headers["next-action"] !== undefined) return true;
  return String(header(headers, "content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

const refuse = (/** @type {number} */ status, /** @type {string} */ message, /** @type {Record<string, string>} */ headers = {}) => ({ status, message, headers });
const NOT_FOUND = refuse(404, "Server action not found.", { "x-nextjs-action-not-found": "1" });
const ACTION_ID_RE = /^[0-9a-f]{2,128}$/i;

/** Host names compare without a default port. @param {string} host */
const bareHost = (host) => host.toLowerCase().replace(/:(80|443)$/, "");

/**
 * Checks what the headers alone can tell: the Origin (absent is allowed, as Next allows it: a
 * browser always sends one on POST, so its absence means no browser, hence no CSRF), the action
 * id, the declared size and the content type. Returns null when the request may go on, else the
 * refusal; `matchedHost` is the allowed host the Origin named, if any.
 * @param {{ method?: string, url?: string, headers: NodeHeaders }} req
 * @param {{ actionIds: Set<string> | null, publicUrl?: string, trustProxyHops: number }} config
 * @returns {{ refusal: Refusal | null, matchedHost?: string }}
 */
export function screenHeaders(req, config) {
  const { headers } = req;
  const origin = header(headers, "origin");
  let matchedHost;
  if (origin !== undefined) {
    if (origin === "null") return { refusal: refuse(403, "Forbidden: an opaque origin cannot call server actions.") };
    let url;
    try {
      url = new URL(origin);
    } catch {
      return { refusal: refuse(400, "Bad request: malformed Origin header.") };
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return { refusal: refuse(400, "Bad request: malformed Origin header.") };
    const allowed = new Set();
    const own = requestOrigin((n) => header(headers, n), config.trustProxyHops);
    if (own) allowed.add(bareHost(own.host));
    if (config.publicUrl) {
      try {
        allowed.add(bareHost(new URL(config.publicUrl).host));
      } catch {
        // lib/core/env.ts refuses an unusable PUBLIC_URL at start.
      }
    }
    if (!allowed.has(bareHost(url.host))) return { refusal: refuse(403, "Forbidden: cross-origin server action request.") };
    matchedHost = url.host;
  }
  const actionId = header(headers, "next-action");
  if (actionId !== undefined) {
    if (!ACTION_ID_RE.test(actionId)) return { refusal: refuse(400, "Bad request: malformed Next-Action header.") };
    if (config.actionIds && !config.actionIds.has(actionId)) return { refusal: NOT_FOUND };
    const type = String(header(headers, "content-type") ?? "").toLowerCase();
    if (type !== "" && !type.startsWith("text/plain") && !type.startsWith("multipart/form-data")) {
      return { refusal: refuse(415, "Unsupported media type for a server action.") };
    }
  }
  const declared = header(headers, "content-length");
  if (declared !== undefined && !/^\d+$/.test(declared)) return { refusal: refuse(400, "Bad request: malformed Content-Length.") };
  if (declared !== undefined && Number(declared) > ACTION_BODY_LIMIT) return { refusal: refuse(413, "Payload too large.") };
  return { refusal: null, matchedHost };
}

const SAFE_REFERENCE = /^\$(\$[\s\S]*|undefined|D[0-9T:.+\-Z ]{1,40}|n-?\d{1,300}|-0|NaN|Infinity|-Infinity)$/;
const FORM_REFERENCE = /^\$K[0-9a-f]{1,8}$/;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Whether `value` is plain input: JSON with no reference but the harmless ones, no key that
 * could reach a prototype, at most MAX_DEPTH deep.
 * @param {unknown} value
 */
function isPlainInput(value, depth = 0) {
  if (depth > MAX_DEPTH) return false;
  if (value === null || typeof value === "boolean" || typeof value === "number") return true;
  if (typeof value === "string") return !value.startsWith("$") || SAFE_REFERENCE.test(value);
  if (Array.isArray(value)) return value.every((v) => isPlainInput(v, depth + 1));
  if (typeof value === "object") {
    return Object.entries(value).every(([k, v]) => !FORBIDDEN_KEYS.has(k) && isPlainInput(v, depth + 1));
  }
  return false;
}

const isInputObject = (/** @type {unknown} */ v) => v === null || (typeof v === "object" && !Array.isArray(v) && isPlainInput(v));
const isFormRef = (/** @type {unknown} */ v) => typeof v === "string" && FORM_REFERENCE.test(v);

/**
 * Whether `args` is an argument list action() takes: `[input]`, `[FormData]` or
 * `[previous result, FormData]` (useActionState), FormData only as "$K<n>" where `formAllowed`.
 * @param {unknown} args
 * @param {boolean} formAllowed
 */
export function isActionArgs(args, formAllowed) {
  if (!Array.isArray(args) || args.length < 1 || args.length > MAX_ARGS) return false;
  const [first, second] = args;
  if (args.length === 2) return isInputObject(first) && formAllowed && isFormRef(second);
  return isInputObject(first) || (formAllowed && isFormRef(first));
}

/** @param {string} text */
function parseJson(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, value: undefined };
  }
}

/**
 * Checks a buffered body of a possible action request against the rules above. Returns null when
 * Next may have it, else the refusal.
 * @param {{ headers: NodeHeaders }} req
 * @param {Buffer} body
 * @param {{ actionIds: Set<string> | null }} config
 * @returns {Promise<Refusal | null>}
 */
export async function screenBody(req, body, config) {
  const bad = refuse(400, "Bad request: malformed server action payload.");
  const type = String(header(req.headers, "content-type") ?? "");
  const isFetch = req.headers["next-action"] !== undefined;
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    // Only a fetch action sends a non-multipart body (screenHeaders checked its type).
    const parsed = parseJson(body.toString("utf8"));
    return parsed.ok && isActionArgs(parsed.value, false) ? null : bad;
  }
  /** @type {FormData} */
  let form;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": type } }).formData();
  } catch {
    return bad;
  }
  return isFetch ? screenFetchForm(form) ?? null : screenFormPost(form, config.actionIds) ?? null;
}

/** A fetch action's multipart body: field "0" holds the argument list, "_<n>_<name>" the FormData entries. @param {FormData} form */
function screenFetchForm(form) {
  const bad = refuse(400, "Bad request: malformed server action payload.");
  const roots = form.getAll("0");
  if (roots.length !== 1 || typeof roots[0] !== "string") return bad;
  for (const key of form.keys()) if (key !== "0" && !/^_[0-9a-f]{1,8}_/.test(key)) return bad;
  const parsed = parseJson(roots[0]);
  return parsed.ok && isActionArgs(parsed.value, true) ? null : bad;
}

/**
 * A form posted without JavaScript (before hydration): React names the action in `$ACTION_ID_<id>`
 * or, with bound arguments (useActionState's previous result), in `$ACTION_REF_<n>` with the
 * descriptor `{"id","bound"}` in `$ACTION_<n>:0` and the bound list in `$ACTION_<n>:<k>`.
 * @param {FormData} form
 * @param {Set<string> | null} actionIds
 */
function screenFormPost(form, actionIds) {
  const bad = refuse(400, "Bad request: not a server action form.");
  const known = (/** @type {unknown} */ id) => typeof id === "string" && ACTION_ID_RE.test(id) && (!actionIds || actionIds.has(id));
  let actions = 0;
  let refs = 0;
  for (const key of new Set(form.keys())) {
    if (!key.startsWith("$ACTION_")) continue;
    if (key === "$ACTION_KEY") continue;
    if (key.startsWith("$ACTION_ID_")) {
      if (!known(key.slice("$ACTION_ID_".length))) return bad;
      actions++;
      continue;
    }
    if (key.startsWith("$ACTION_REF_")) {
      const n = key.slice("$ACTION_REF_".length);
      if (!/^\d{1,4}$/.test(n) || ++refs > MAX_ACTION_REFS) return bad;
      const descriptors = form.getAll(`$ACTION_${n}:0`);
      if (descriptors.length !== 1 || typeof descriptors[0] !== "string") return bad;
      const parsed = parseJson(descriptors[0]);
      const d = parsed.value;
      if (!parsed.ok || typeof d !== "object" || d === null || Array.isArray(d) || !known(d.id)) return bad;
      const extra = Object.keys(d).filter((k) => k !== "id" && k !== "bound");
      if (extra.length > 0) return bad;
      if (d.bound !== null && d.bound !== undefined) {
        const m = typeof d.bound === "string" ? /^\$@([0-9a-f]{1,8})$/.exec(d.bound) : null;
        if (!m) return bad;
        const chunk = form.getAll(`$ACTION_${n}:${parseInt(m[1] ?? "", 16)}`);
        if (chunk.length !== 1 || typeof chunk[0] !== "string") return bad;
        const bound = parseJson(chunk[0]);
        // The bound list is the arguments before the form's FormData: the previous result at most.
        if (!bound.ok || !Array.isArray(bound.value) || bound.value.length > 1 || !bound.value.every(isInputObject)) return bad;
      }
      actions++;
      continue;
    }
    // `$ACTION_<n>:<k>` parts belong to a `$ACTION_REF_<n>`.
    const part = /^\$ACTION_(\d{1,4}):(\d{1,8})$/.exec(key);
    if (!part || !form.has(`$ACTION_REF_${part[1]}`)) return bad;
  }
  return actions > 0 ? null : bad;
}

/**
 * Reads a request body up to `limit` bytes: `{ body }`, or `{ tooLarge: true }` as soon as it
 * passes the limit (nothing more is buffered), or `{ broken: true }` when the request broke off.
 * @param {import("node:http").IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<{ body: Buffer } | { tooLarge: true } | { broken: true }>}
 */
export function readLimited(req, limit = ACTION_BODY_LIMIT) {
  return new Promise((resolve) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    let done = false;
    /** @param {{ body: Buffer } | { tooLarge: true } | { broken: true }} v */
    const finish = (v) => {
      if (done) return;
      done = true;
      chunks.length = 0;
      resolve(v);
    };
    req.on("data", (/** @type {Buffer} */ chunk) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) finish({ tooLarge: true });
      else chunks.push(chunk);
    });
    req.on("end", () => finish({ body: Buffer.concat(chunks) }));
    req.on("error", () => finish({ broken: true }));
    req.on("aborted", () => finish({ broken: true }));
  });
}

/**
 * The same request for Next with its body replayed: the gate consumed the original stream.
 * @param {import("node:http").IncomingMessage} req
 * @param {Buffer} body
 */
export function replay(req, body) {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.headers = req.headers;
  copy.rawHeaders = req.rawHeaders;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.complete = true;
  if (body.length > 0) copy.push(body);
  copy.push(null);
  return copy;
}

/**
 * The gate for one possible action request: resolves the request to hand to Next (the original,
 * or a replay of it), or answers the refusal itself and resolves null.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {{ actionIds: Set<string> | null, publicUrl?: string, trustProxyHops: number }} config
 * @returns {Promise<import("node:http").IncomingMessage | null>}
 */
export async function gateAction(req, res, config) {
  const { refusal, matchedHost } = screenHeaders(req, config);
  if (refusal) return answer(req, res, refusal);
  const read = await readLimited(req);
  if ("tooLarge" in read) return answer(req, res, refuse(413, "Payload too large."));
  if ("broken" in read) return answer(req, res, refuse(400, "Bad request: the body broke off."));
  const bodyRefusal = await screenBody(req, read.body, config);
  if (bodyRefusal) return answer(req, res, bodyRefusal);
  // An Origin accepted for naming PUBLIC_URL's host, on a request whose Host is another (a proxy
  // that does not pass it on): Next compares the Origin with X-Forwarded-Host, so name it there.
  if (matchedHost && req.headers["x-forwarded-host"] === undefined && bareHost(matchedHost) !== bareHost(String(req.headers.host ?? ""))) {
    req.headers["x-forwarded-host"] = matchedHost;
  }
  return replay(req, read.body);
}

/**
 * Answers a refusal: a short text, never cached. What is left of the body is read and dropped
 * (closing at once would reset a client still sending it, which then never sees the answer), for
 * at most DRAIN_MS; then the connection is cut.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {Refusal} refusal
 * @returns {null}
 */
function answer(req, res, refusal) {
  res.writeHead(refusal.status, { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store", ...refusal.headers });
  res.end(refusal.message);
  if (!req.complete) {
    const timer = setTimeout(() => req.socket.destroy(), DRAIN_MS);
    timer.unref();
    req.once("end", () => clearTimeout(timer));
    req.once("close", () => clearTimeout(timer));
    req.resume();
  }
  return null;
}
