// POST|GET /platform_api/<Method>: the method from the path (a `cmd` parameter is ignored).
import { handleApiRequest } from "@/lib/api/handle";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Ctx = { params: Promise<{ method: string }> };

export async function GET(request: Request, ctx: Ctx): Promise<Response> {
  return handleApiRequest(request, (await ctx.params).method);
}

export async function POST(request: Request, ctx: Ctx): Promise<Response> {
  return handleApiRequest(request, (await ctx.params).method);
}
