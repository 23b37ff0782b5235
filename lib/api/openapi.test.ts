// The OpenAPI document is generated from the registry: every method, its parameters from the
// same zod schemas the pipeline parses with, the allowed roles from the access module.
import { describe, expect, it } from "vitest";
import { API_METHOD_ROLES, apiMethodRoles } from "@/lib/access/api-methods";
import { GET } from "@/app/platform_api/openapi.json/route";
import { METHODS } from "./methods";
import { buildOpenApi, operationParams, type OpenApiDocument } from "./openapi";

describe("OpenAPI 3.1 document", () => {
  const doc = buildOpenApi(METHODS);

  it("describes every registered method, POST and GET, with its parameters and allowed roles", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(METHODS.map((m) => `/platform_api/${m.name}`).sort());
    for (const m of METHODS) {
      const op = doc.paths[`/platform_api/${m.name}`]!.post;
      expect(op.operationId).toBe(m.name);
      expect(doc.paths[`/platform_api/${m.name}`]!.get.requestBody).toEqual(op.requestBody);
      expect(op["x-allowed-roles"]).toEqual(API_METHOD_ROLES[m.name] === "any" ? "any" : [...apiMethodRoles(m.name)]);
      expect(operationParams(op).map((p) => p.name).sort()).toEqual(Object.keys(m.params.shape).sort());
      expect(op.security).toEqual([{ bearerJwt: [] }]);
    }
  });

  it("types parameters as the values behind the wire encoding, and marks required ones", () => {
    const params = (name: string) => Object.fromEntries(operationParams(doc.paths[`/platform_api/${name}`]!.post).map((p) => [p.name, p]));
    const add = params("AddSubUser");
    expect(add.new_subuser_name).toMatchObject({ required: true, schema: { type: "string" } });
    expect(add.role_id).toMatchObject({ required: false, schema: { type: "array", items: { type: "integer" } } });
    expect(add.role_id!.description).toMatch(/semicolons/);
    const get = params("GetSubUsers");
    expect(get.with_roles!.schema.type).toBe("boolean");
    expect(get.count!.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 1000 });
    expect(get.count!.description).toMatch(/default 20/);
    expect(get.count!.required).toBe(false);
    expect(doc.paths["/platform_api/RemoveKeyRoles"]!.post["x-one-of"]).toEqual([{ params: ["role_id", "role_name"], required: true }]);
  });

  it("lists the code words of a call's end_reason (CallInfoType), the cut's and not_answered among them", () => {
    const callInfo = doc.components.schemas.CallInfoType as { properties: Record<string, { description?: string }> };
    const description = callInfo.properties.end_reason!.description ?? "";
    for (const code of ["hangup", "no_answer", "not_answered", "busy", "terminated", "payment_required"]) expect(description).toContain(`${code} (`);
  });

  it("hoists shared structures into components and leaves no dangling reference", () => {
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["Error", "RoleView", "SubUserView", "KeyInfo", "KeyView", "AccountInfo"]));
    const text = JSON.stringify(doc);
    expect(text).not.toContain("#/$defs/");
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) expect(doc.components.schemas[name!], name).toBeDefined();
  });

  it("is served publicly at /platform_api/openapi.json", async () => {
    const r = GET(new Request("http://panel.test/platform_api/openapi.json", { headers: { host: "panel.test" } }));
    expect(r.status).toBe(200);
    const served = (await r.json()) as OpenApiDocument;
    expect(served.servers).toEqual([{ url: "http://panel.test" }]);
    expect(Object.keys(served.paths)).toHaveLength(METHODS.length);
  });

  // Threat: a document naming the listener's bind address (Next builds request.url from it), so
  // generated clients and "Try it" point at http://0.0.0.0:3000 (issue 7 part 3).
  it("names the request's host in `servers`, never the listener's bind address", async () => {
    const served = (await GET(new Request("http://0.0.0.0:3000/platform_api/openapi.json", { headers: { host: "panel.example.com:8443" } })).json()) as OpenApiDocument;
    expect(served.servers).toEqual([{ url: "http://panel.example.com:8443" }]);
    const saved = process.env.PUBLIC_URL;
    process.env.PUBLIC_URL = "https://sb.example.org";
    try {
      const viaPublicUrl = (await GET(new Request("http://0.0.0.0:3000/platform_api/openapi.json", { headers: { host: "10.0.0.5:3000" } })).json()) as OpenApiDocument;
      expect(viaPublicUrl.servers).toEqual([{ url: "https://sb.example.org" }]);
    } finally {
      if (saved === undefined) delete process.env.PUBLIC_URL;
      else process.env.PUBLIC_URL = saved;
    }
  });
});
