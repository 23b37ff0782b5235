// GET /platform_api/openapi.json: the public OpenAPI 3.1 description of every method, generated
// from the registry's zod schemas. Public on purpose: it holds no account data.
import { buildOpenApi } from "@/lib/api/openapi";
import { METHODS } from "@/lib/api/methods";
import { publicOrigin } from "@/lib/core/request-info";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export function GET(request: Request): Response {
  return Response.json(buildOpenApi(METHODS, { serverUrl: publicOrigin(request.headers) }), {
    headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  });
}
