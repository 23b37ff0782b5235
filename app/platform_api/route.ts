// POST|GET /platform_api with a `cmd` parameter naming the method (what the official clients
// send). Bearer JWT only: the session cookie is never read (docs/SECURITY.md).
import { handleApiRequest } from "@/lib/api/handle";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export function GET(request: Request): Promise<Response> {
  return handleApiRequest(request, null);
}

export function POST(request: Request): Promise<Response> {
  return handleApiRequest(request, null);
}
