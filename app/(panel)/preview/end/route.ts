import { PREVIEW_COOKIE } from "@/lib/access/preview";
import { routes } from "@/lib/routes";

// Ends a role preview: the banner's "End preview" posts here. Not a server action (every action
// is refused while a preview is on) and not an access decision: it only drops this browser's
// preview cookie, which can only ever have narrowed what the session may do. `back` must be a
// path of this site; the redirect is relative, so it stays on the host the browser used.
export async function POST(request: Request) {
  const form = await request.formData().catch(() => null);
  const back = form?.get("back");
  const target = typeof back === "string" && /^\/(?![/\\])[\w\-./?=&%]*$/.test(back) ? back : routes.dashboard;
  return new Response(null, {
    status: 303,
    headers: {
      location: target,
      "set-cookie": `${PREVIEW_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`,
      "cache-control": "private, no-store",
    },
  });
}
