// "Append rows" (application.call_lists.append): the CSV's bytes as the body, with the list's
// header (_server/upload.ts says why a route handler and what it checks).
import { appendToCallList } from "@/lib/domains/call-lists/mutations";
import { handleUpload } from "../../_server/upload";

export async function POST(request: Request, ctx: { params: Promise<{ appId: string; listId: string }> }): Promise<Response> {
  const { listId } = await ctx.params;
  return handleUpload(request, "application.call_lists.append", async (actor, _q, bytes) => {
    const { list, added } = await appendToCallList(actor, { listId, file: bytes });
    return { id: list.id, name: list.name, added, total: list.total };
  });
}
