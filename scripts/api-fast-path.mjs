// The Management API served by scripts/server.mjs itself, beside Next rather than through its router
// (issue 11; README "Decisions"). Profiled under the bench's load, Next's request pipeline (routing,
// its request and response adaptation, its async context) was about two thirds of an API call's CPU:
// an unknown method cost two /healthz requests. The handler is the same function as the route
// handlers' (lib/api/handle.ts handleApiRequest), bundled by scripts/build-api.mjs into the build
// directory; `next dev`, and a server without the bundle, keep serving /platform_api through
// app/platform_api's route handlers. Plain JavaScript, so the server loads it without a build;
// test/api-fast-path.test.ts tests it.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import { API_RESPONSE_HEADERS } from "../lib/core/response-headers.mjs";

/** The bundle scripts/build-api.mjs writes, and the BUILD_ID of the Next build it was made beside, under the build directory. */
export const API_BUNDLE = path.join("platform-api", "handler.mjs");
export const API_BUNDLE_STAMP = path.join("platform-api", "build-id");

// /platform_api (the method in `cmd`) or /platform_api/<Method>, an optional trailing slash (served
// as is, next.config.ts' skipTrailingSlashRedirect), any query. Anything else stays with Next.
const API_PATH = /^\/platform_api(?:\/([A-Za-z][A-Za-z0-9]*))?\/?(?:\?|$)/;

/**
 * The route of a request this path serves: `{ pathMethod }` (null on /platform_api, where `cmd`
 * names the method) for GET and POST on the paths above; undefined for anything else, which Next
 * answers as before (its 405 for other methods, its 404 for other paths).
 */
export function apiRoute(method, url) {
  if (method !== "GET" && method !== "POST") return undefined;
  const m = API_PATH.exec(url ?? "");
  return m ? { pathMethod: m[1] ?? null } : undefined;
}

/**
 * Why `distDir` has no bundle to serve (no Next build, no bundle: `next build` alone, or a bundle
 * of another build), or null when its bundle was made beside its current Next build.
 */
export function apiBundleProblem(distDir) {
  const stamp = path.resolve(distDir, API_BUNDLE_STAMP);
  const buildId = path.resolve(distDir, "BUILD_ID");
  if (!existsSync(buildId)) return "no production build";
  if (!existsSync(path.resolve(distDir, API_BUNDLE)) || !existsSync(stamp)) return "no Management API bundle in the build (npm run build makes it)";
  if (readFileSync(stamp, "utf8").trim() !== readFileSync(buildId, "utf8").trim()) return "the Management API bundle is of an older build (npm run build makes a new one)";
  return null;
}

/** The bundle's handleApiRequest, or null with apiBundleProblem's reason (for a warning). */
export async function loadApiHandler(distDir) {
  const reason = apiBundleProblem(distDir);
  if (reason) return { handle: null, reason };
  const mod = await import(pathToFileURL(path.resolve(distDir, API_BUNDLE)).href);
  return { handle: mod.handleApiRequest, reason: null };
}

// API_RESPONSE_HEADERS as Node writes them (lower-case names), made once.
const RESPONSE_HEADERS = Object.fromEntries(API_RESPONSE_HEADERS.map(({ key, value }) => [key.toLowerCase(), value]));

function webHeaders(nodeHeaders) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(nodeHeaders)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

/**
 * Answers `req` with `handle(request, pathMethod)`: the Node request as a web Request (its body
 * streamed as it arrives; the handler bounds it), the answer written back with API_RESPONSE_HEADERS
 * (the headers next.config.ts gives /platform_api, so both paths answer alike) under the handler's
 * own. A JSON answer is written in one piece; any other (DownloadHistoryReport's CSV) is streamed,
 * and stops when the client goes. The handler answers every error itself; if it throws anyway, the
 * client gets a bare 500 and the log the error, as from Next.
 */
export async function serveApi(req, res, handle, pathMethod) {
  try {
    const hasBody = req.method === "POST";
    // The path and query are what the handler reads; the origin is fixed (the Host header is not
    // trusted to parse, and GetAccountInfo's address comes from lib/core/request-info.ts).
    const request = new Request(new URL(req.url, "http://localhost"), {
      method: req.method,
      headers: webHeaders(req.headers),
      ...(hasBody ? { body: Readable.toWeb(req), duplex: "half" } : {}),
    });
    const response = await handle(request, pathMethod);
    const headers = { ...RESPONSE_HEADERS };
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    if (!response.body) {
      res.writeHead(response.status, headers).end();
    } else if ((response.headers.get("content-type") ?? "").startsWith("application/json")) {
      const body = Buffer.from(await response.arrayBuffer());
      headers["content-length"] = String(body.length);
      res.writeHead(response.status, headers).end(body);
    } else {
      res.writeHead(response.status, headers);
      await pipeline(Readable.fromWeb(response.body), res);
    }
  } catch (e) {
    if (e?.code === "ERR_STREAM_PREMATURE_CLOSE") return; // the client left during a streamed answer
    console.error("Management API: the handler failed", e);
    if (!res.headersSent) res.writeHead(500).end();
    else res.destroy();
  }
}
