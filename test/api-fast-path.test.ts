// scripts/api-fast-path.mjs: the Management API served by scripts/server.mjs beside Next (issue 11).
// Threats: a request the route handlers would refuse or route elsewhere taken by the fast path (a
// PUT, /platform_api/openapi.json, an encoded name), an answer missing the headers next.config.ts
// gives /platform_api, a streamed report cut or buffered, a handler's crash answered with a stack,
// and a bundle of an older build served beside newer pages.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { API_BUNDLE, API_BUNDLE_STAMP, apiBundleProblem, apiRoute, loadApiHandler, serveApi, type ApiHandle } from "../scripts/api-fast-path.mjs";
import { API_RESPONSE_HEADERS } from "../lib/core/response-headers.mjs";

describe("which requests the fast path takes", () => {
  it("GET and POST on /platform_api and /platform_api/<Method>, with a trailing slash or a query; nothing else", () => {
    expect(apiRoute("POST", "/platform_api/GetSubUsers")).toEqual({ pathMethod: "GetSubUsers" });
    expect(apiRoute("GET", "/platform_api/GetSubUsers/?count=2")).toEqual({ pathMethod: "GetSubUsers" });
    expect(apiRoute("POST", "/platform_api")).toEqual({ pathMethod: null });
    expect(apiRoute("GET", "/platform_api/?cmd=GetRoles")).toEqual({ pathMethod: null });
    expect(apiRoute("POST", "/platform_api?cmd=GetRoles")).toEqual({ pathMethod: null });
    for (const [method, url] of [
      ["PUT", "/platform_api/GetRoles"],
      ["HEAD", "/platform_api/GetRoles"],
      ["OPTIONS", "/platform_api"],
      ["GET", "/platform_api/openapi.json"],
      ["POST", "/platform_api/Get%52oles"],
      ["POST", "/platform_api/GetRoles/extra"],
      ["POST", "/platform_apiX"],
      ["POST", "/platform_api//GetRoles"],
      ["POST", "http://panel.example.com/platform_api/GetRoles"],
      ["POST", "/api/auth/csrf"],
    ] as const) {
      expect(apiRoute(method, url), `${method} ${url}`).toBeUndefined();
    }
  });
});

describe("serving a request", () => {
  let server: Server;
  let base = "";
  let handle: ApiHandle = async () => new Response(null);
  beforeAll(async () => {
    server = createServer((req, res) => void serveApi(req, res, (r, m) => handle(r, m), apiRoute(req.method, req.url)?.pathMethod ?? null));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  afterEach(() => vi.restoreAllMocks());

  it("hands the handler the method, path, query, headers and body, and answers with its JSON under the API headers", async () => {
    let seen: Record<string, unknown> = {};
    handle = async (request, pathMethod) => {
      seen = { method: request.method, url: request.url, pathMethod, auth: request.headers.get("authorization"), body: await request.text() };
      return new Response(JSON.stringify({ result: 1 }), { headers: { "content-type": "application/json; charset=utf-8", "cache-control": "private, no-store", "x-frame-options": "SAMEORIGIN" } });
    };
    const res = await fetch(`${base}/platform_api/GetSubUsers?count=2`, { method: "POST", headers: { authorization: "Bearer t", "content-type": "application/x-www-form-urlencoded" }, body: "with_roles=true" });
    expect(seen).toEqual({ method: "POST", url: "http://localhost/platform_api/GetSubUsers?count=2", pathMethod: "GetSubUsers", auth: "Bearer t", body: "with_roles=true" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: 1 });
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("content-length")).toBe(String(JSON.stringify({ result: 1 }).length));
    // next.config.ts' headers for /platform_api, the handler's own where both set one.
    for (const { key, value } of API_RESPONSE_HEADERS) expect(res.headers.get(key), key).toBe(key === "X-Frame-Options" ? "SAMEORIGIN" : value);
  });

  it("streams a body that is not JSON (a report's CSV) as it comes", async () => {
    const chunks = ["a,b\r\n", "1,2\r\n", "3,4\r\n"];
    handle = async () =>
      new Response(
        new ReadableStream({
          async pull(c) {
            const next = chunks.shift();
            if (next === undefined) c.close();
            else c.enqueue(new TextEncoder().encode(next));
          },
        }),
        { headers: { "content-type": "text/csv; charset=utf-8" } },
      );
    const res = await fetch(`${base}/platform_api/DownloadHistoryReport`, { method: "POST", body: "history_report_id=1" });
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-length")).toBeNull();
    expect(await res.text()).toBe("a,b\r\n1,2\r\n3,4\r\n");
  });

  it("a GET has no body; a handler that throws gets a bare 500 and a log line, never its stack", async () => {
    handle = async (request) => new Response(JSON.stringify({ body: request.body === null }), { headers: { "content-type": "application/json" } });
    expect(await (await fetch(`${base}/platform_api/GetRoles`)).json()).toEqual({ body: true });
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    handle = async () => {
      throw new Error("secret stack detail");
    };
    const res = await fetch(`${base}/platform_api/GetRoles`, { method: "POST" });
    expect(res.status).toBe(500);
    expect(await res.text()).toBe("");
    expect(log).toHaveBeenCalledWith("Management API: the handler failed", expect.any(Error));
  });

  it("a client that sends a body slowly is read to the end", async () => {
    handle = async (request) => new Response(JSON.stringify({ got: await request.text() }), { headers: { "content-type": "application/json" } });
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(`${base}/platform_api/GetUsers`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" } }, (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () => resolve(text));
      });
      req.on("error", reject);
      req.write("application_");
      setTimeout(() => req.end("name=sales"), 50);
    });
    expect(JSON.parse(body)).toEqual({ got: "application_name=sales" });
  });
});

describe("the bundle beside the build", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "api-bundle-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is served only when its stamp is the build's id", async () => {
    expect(apiBundleProblem(dir)).toBe("no production build");
    writeFileSync(path.join(dir, "BUILD_ID"), "build-2");
    expect(apiBundleProblem(dir)).toMatch(/no Management API bundle/);
    mkdirSync(path.join(dir, path.dirname(API_BUNDLE)), { recursive: true });
    writeFileSync(path.join(dir, API_BUNDLE), "export async function handleApiRequest() { return new Response('bundled'); }\n");
    writeFileSync(path.join(dir, API_BUNDLE_STAMP), "build-1\n");
    expect(await loadApiHandler(dir)).toEqual({ handle: null, reason: expect.stringMatching(/older build/) });
    writeFileSync(path.join(dir, API_BUNDLE_STAMP), "build-2\n");
    const { handle } = await loadApiHandler(dir);
    expect(await (await handle!(new Request("http://localhost/platform_api"), null)).text()).toBe("bundled");
  });
});
