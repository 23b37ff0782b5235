// Reads a Management API request's parameters: the query string merged with an urlencoded,
// multipart or JSON object body (the body wins for a name both carry; docs/management-api.md
// "Transport"). Repeated names keep every value so list parameters can merge them; scalar
// parameters refuse repeats (lib/api/wire.ts).
import { API_ERROR, ApiError } from "./errors";
import type { RawParams } from "./wire";

/** Generous for every method in scope (user custom data is < 8 KiB), small enough to bound work. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Refuses a NUL (U+0000) in a parsed parameter's text (a string, or a list of them), naming the
 * parameter (101). No parameter means one, and PostgreSQL cannot hold it in text, so a lookup or
 * a row with it would fail there as a server error (SQLite would take it). lib/api/handle.ts calls
 * it after the method's own parameter checks, so a refused role set is still 104 and a text
 * parameter's own code (e.g. 157 for a display name) still comes first. Handlers see only the
 * parsed parameters (ApiContext carries no raw ones), so none can look a NUL up.
 */
export function refuseNul(params: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(params)) {
    if ((Array.isArray(value) ? value : [value]).some((v) => typeof v === "string" && v.includes("\u0000"))) {
      throw new ApiError(API_ERROR.INVALID_ARGUMENTS, `Invalid '${name}': must not contain a NUL character`);
    }
  }
}

// Null-prototype records: a parameter named "valueOf", "constructor" or "__proto__" is just a name.
function collect(entries: Iterable<[string, string]>): RawParams {
  const out = Object.create(null) as RawParams;
  for (const [name, value] of entries) {
    const prev = Object.hasOwn(out, name) ? out[name] : undefined;
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

async function readBody(request: Request): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!request.body) return null;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new ApiError(API_ERROR.INVALID_ARGUMENTS, "Request body too large");
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new ApiError(API_ERROR.INVALID_ARGUMENTS, "Request body too large");
    }
    chunks.push(value);
  }
  if (size === 0) return null;
  const buf = new Uint8Array(new ArrayBuffer(size));
  let at = 0;
  for (const c of chunks) {
    buf.set(c, at);
    at += c.byteLength;
  }
  return buf;
}

async function bodyParams(request: Request): Promise<RawParams> {
  const buf = await readBody(request);
  if (!buf) return Object.create(null) as RawParams;
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("application/x-www-form-urlencoded")) {
    return collect(new URLSearchParams(new TextDecoder().decode(buf)));
  }
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await new Response(buf, { headers: { "content-type": request.headers.get("content-type")! } }).formData();
    } catch {
      throw new ApiError(API_ERROR.INVALID_ARGUMENTS, "Malformed multipart/form-data body");
    }
    const entries: [string, string][] = [];
    for (const [name, value] of form) entries.push([name, typeof value === "string" ? value : filePartText(new Uint8Array(await value.arrayBuffer()))]);
    return collect(entries);
  }
  if (type.startsWith("application/json")) return jsonParams(buf);
  throw new ApiError(
    API_ERROR.INVALID_ARGUMENTS,
    "Unsupported Content-Type: send parameters in the query string, application/x-www-form-urlencoded, multipart/form-data or an application/json object",
  );
}

/**
 * A multipart file part as a parameter's text: the file itself when it is UTF-8 (a JSON key, a
 * CSV, a script), else its bytes in base64, the form binary parameters take (AddPushCredential's
 * cert_content), so `curl -F cert_content=@cert.p12` sends what the method reads.
 */
function filePartText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return Buffer.from(bytes).toString("base64");
  }
}

type JsonScalar = string | number | boolean;
const isScalar = (v: unknown): v is JsonScalar => typeof v === "string" || (typeof v === "number" && Number.isFinite(v)) || typeof v === "boolean";

/**
 * An application/json body as parameters, by the wire's own rules (the public reference's curl
 * samples send `{}` this way): a JSON object whose values are strings, numbers or booleans
 * (numbers and booleans as their decimal / true-false text), or arrays of them (a list, as if the
 * parameter were repeated). Anything nested, and null, is refused naming the parameter (101). An
 * empty body or `{}` adds nothing.
 */
function jsonParams(buf: Uint8Array<ArrayBuffer>): RawParams {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    throw new ApiError(API_ERROR.INVALID_ARGUMENTS, "Malformed JSON body: not UTF-8");
  }
  if (text.trim() === "") return Object.create(null) as RawParams;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(API_ERROR.INVALID_ARGUMENTS, "Malformed JSON body");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(API_ERROR.INVALID_ARGUMENTS, "The JSON body must be an object of parameters");
  }
  const entries: [string, string][] = [];
  for (const [name, value] of Object.entries(body)) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (!values.every(isScalar)) {
      throw new ApiError(API_ERROR.INVALID_ARGUMENTS, `Invalid '${name.slice(0, 64)}': must be a string, a number, a boolean or a list of them`);
    }
    for (const v of values) entries.push([name, String(v)]);
  }
  return collect(entries);
}

export async function readParams(request: Request): Promise<RawParams> {
  const query = collect(new URL(request.url).searchParams);
  const body = request.method === "GET" || request.method === "HEAD" ? {} : await bodyParams(request);
  return Object.assign(Object.create(null) as RawParams, query, body);
}
