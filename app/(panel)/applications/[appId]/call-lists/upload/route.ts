// "Create call list" (application.call_lists.create): the CSV's bytes as the body, the settings
// in the query string (_server/upload.ts says why and what it checks). Every field's error comes
// back at once, under its field.
import { createCallList } from "@/lib/domains/call-lists/mutations";
import { ZCreateCallListInput } from "@/lib/domains/call-lists/schemas";
import { fieldErrorsOf } from "@/lib/server/action";
import { FieldErrors, handleUpload } from "../_server/upload";

export async function POST(request: Request, ctx: { params: Promise<{ appId: string }> }): Promise<Response> {
  const { appId } = await ctx.params;
  return handleUpload(request, "application.call_lists.create", async (actor, q, bytes) => {
    const input = {
      applicationId: appId,
      ruleId: q.get("ruleId") ?? "",
      name: q.get("name") ?? "",
      maxSimultaneous: q.get("maxSimultaneous") || undefined,
      numAttempts: q.get("numAttempts") || undefined,
      intervalSeconds: q.get("intervalSeconds") || undefined,
      startAt: q.get("startAt") || undefined,
      file: bytes,
    };
    const parsed = ZCreateCallListInput.safeParse(input);
    if (!parsed.success) throw new FieldErrors(fieldErrorsOf(parsed.error));
    const list = await createCallList(actor, input);
    return { id: list.id, name: list.name, total: list.total };
  });
}

