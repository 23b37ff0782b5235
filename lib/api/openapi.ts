// The OpenAPI 3.1 description of every registered method, generated from the same zod schemas
// the pipeline parses with (parameters: io "input", i.e. the typed value behind the wire
// coercion) and the response shapes the tests check answers against. Allowed roles come from
// lib/access/api-methods.ts. Served at /platform_api/openapi.json and rendered in the panel.
import { z } from "zod";
import { API_METHOD_ROLES, apiMethodRoles } from "@/lib/access/api-methods";
import { API_ERROR } from "./errors";
import type { RegisteredMethod } from "./registry";

type JsonSchema = Record<string, unknown>;

export type OpenApiParam = { name: string; required: boolean; schema: JsonSchema; description?: string };

export type OpenApiOperation = {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  "x-allowed-roles": string[] | "any";
  "x-one-of"?: { params: readonly string[]; required: boolean }[];
  security: { bearerJwt: [] }[];
  requestBody: { required: false; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content: Record<string, { schema: JsonSchema }> }>;
};

export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers?: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, { post: OpenApiOperation; get: OpenApiOperation }>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
};

const DEFS_REF = /"#\/\$defs\/([^"]+)"/g;

/** zod -> JSON Schema 2020-12, with shared definitions hoisted into components.schemas. */
function toSchema(schema: z.ZodType, io: "input" | "output", shared: Record<string, JsonSchema>): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  const { $schema: _ignored, $defs, ...rest } = json as JsonSchema & { $defs?: Record<string, JsonSchema> };
  void _ignored;
  for (const [id, def] of Object.entries($defs ?? {})) {
    const { id: _id, ...clean } = def;
    void _id;
    shared[id] ??= JSON.parse(JSON.stringify(clean).replace(DEFS_REF, '"#/components/schemas/$1"')) as JsonSchema;
  }
  return JSON.parse(JSON.stringify(rest).replace(DEFS_REF, '"#/components/schemas/$1"')) as JsonSchema;
}

const ERROR_SCHEMA: JsonSchema = {
  type: "object",
  description: "Every error, with HTTP status 200: the official clients only read bodies of 2xx answers.",
  properties: {
    error: {
      type: "object",
      properties: { code: { type: "integer" }, msg: { type: "string" } },
      required: ["code", "msg"],
    },
  },
  required: ["error"],
};

const DESCRIPTION = [
  "Wire-compatible with the Voximplant Management API: the official clients work unchanged.",
  "",
  "Send `POST /platform_api` with a `cmd` field naming the method, or `POST /platform_api/<Method>`; GET works the same.",
  "Parameters go in the query string, an `application/x-www-form-urlencoded` body or a `multipart/form-data` body (the body wins).",
  "Numbers are decimal strings; booleans `true`/`false`/`1`/`0` in any case; lists are separated by `;` (repeating a parameter works too).",
  "",
  "Authenticate with `Authorization: Bearer <JWT>`: RS256, header `kid` = your key id, claims `iss` = your account id, `iat`, `exp`",
  "(lifetime at most 3600 s; 30 s clock skew allowed). Sign it with the private key from your service account's credentials.json.",
  "",
  `Errors: ${API_ERROR.AUTH_FAILED} authorization failed, ${API_ERROR.FORBIDDEN_CMD} forbidden command (the key's roles do not allow the method),`,
  `${API_ERROR.UNKNOWN_CMD} unknown command, ${API_ERROR.RATE_LIMITED} rate limit exceeded, ${API_ERROR.SPECIFY_PARAM} a required parameter is missing.`,
].join("\n");

export function buildOpenApi(methods: readonly RegisteredMethod[], opts: { serverUrl?: string } = {}): OpenApiDocument {
  const shared: Record<string, JsonSchema> = { Error: ERROR_SCHEMA };
  const paths: OpenApiDocument["paths"] = {};
  const tags = new Set<string>();
  for (const m of methods) {
    tags.add(m.group);
    const params = toSchema(m.params, "input", shared);
    const response = toSchema(m.response, "output", shared);
    const allowed = API_METHOD_ROLES[m.name] === "any" ? "any" : [...apiMethodRoles(m.name)];
    const oneOfText = (m.oneOf ?? [])
      .map((o) => `Exactly one of \`${o.params[0]}\` and \`${o.params[1]}\`${o.required ? " is required" : " may be given"}.`)
      .join(" ");
    const roleText = allowed === "any" ? "Allowed for any key." : `Allowed roles: ${allowed.join(", ")}.`;
    const operation: OpenApiOperation = {
      operationId: m.name,
      tags: [m.group],
      summary: m.summary,
      description: [m.summary, roleText, oneOfText].filter(Boolean).join("\n\n"),
      "x-allowed-roles": allowed,
      ...(m.oneOf?.length ? { "x-one-of": m.oneOf.map((o) => ({ params: o.params, required: o.required })) } : {}),
      security: [{ bearerJwt: [] }],
      requestBody: {
        required: false,
        content: {
          "application/x-www-form-urlencoded": { schema: params },
          "multipart/form-data": { schema: params },
        },
      },
      responses: {
        "200": {
          description: m.file ? `The file (${m.file.contentType}), or an error (JSON, also HTTP 200)` : "The result, or an error (also HTTP 200)",
          content: m.file
            ? { [m.file.contentType]: { schema: { type: "string" } }, "application/json": { schema: { $ref: "#/components/schemas/Error" } } }
            : { "application/json": { schema: { oneOf: [response, { $ref: "#/components/schemas/Error" }] } } },
        },
      },
    };
    paths[`/platform_api/${m.name}`] = { post: operation, get: { ...operation, operationId: `${m.name}ViaGet` } };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Switchboard Management API", version: "1.0.0", description: DESCRIPTION },
    ...(opts.serverUrl ? { servers: [{ url: opts.serverUrl }] } : {}),
    tags: [...tags].map((name) => ({ name })),
    paths,
    components: {
      schemas: shared,
      securitySchemes: {
        bearerJwt: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description: "RS256 JWT: header kid = key id; claims iss = account id, iat, exp (exp - iat <= 3600).",
        },
      },
    },
  };
}

/** The object schema's parameters, flattened for display (the panel's docs page). */
export function operationParams(op: OpenApiOperation): OpenApiParam[] {
  const schema = op.requestBody.content["application/x-www-form-urlencoded"]!.schema as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
    name,
    required: required.has(name),
    schema: s,
    description: typeof s.description === "string" ? s.description : undefined,
  }));
}
