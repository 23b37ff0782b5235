import Link from "next/link";
import { ShieldX } from "lucide-react";
import { refusedSection } from "@/lib/server/guards";
import { getActor } from "@/lib/auth/actor";
import { can, describeGranters } from "@/lib/access/matrix";
import { assignableGranters } from "@/lib/access/access-requests";
import { ACCOUNT_OWNER_LABEL, OWNER_PAGES } from "@/lib/access/account-owner";
import { isAccountOwner } from "@/lib/access/preview";
import { sectionTitle } from "@/lib/nav";
import { routes, sectionHref } from "@/lib/routes";
import { RequestAccess } from "./_components/request-access";

// Rendered with HTTP 403 by requireSection's (and requireOwner's) forbidden(). The refused section
// or owner-only page comes through a request-scoped cache, so the page names it (by its everyday
// title) and who may open it, and offers the way forward: a subuser asks the account owner; the
// owner, who is never told to ask itself, learns which subuser role opens it. Nothing about the
// object behind the URL (an application's name) is shown: the refusal comes before it is read.
export default async function Forbidden() {
  const { id, ownerPage } = refusedSection();
  const actor = await getActor();
  const owner = actor ? isAccountOwner(actor) : false;
  // The account owner previewing roles: it is the one who would be asked, so it is told what the
  // preview means instead, and offered no request.
  const previewed = actor?.preview ? actor.preview.roles.join(", ") : null;
  const askable = id && actor && !owner && !previewed ? assignableGranters(id).length > 0 : false;
  const title = id ? sectionTitle(id) : ownerPage ? OWNER_PAGES[ownerPage].title : "You can't open this page";
  return (
    <div className="mx-auto max-w-lg py-12 text-center sm:py-16" data-forbidden={id ?? ownerPage ?? ""}>
      <ShieldX className="mx-auto size-10 text-slate-600" aria-hidden />
      <p className="mt-3 text-sm font-semibold text-red-700">403 · No access</p>
      <h1 className="mt-1 text-2xl font-semibold text-slate-900">{title}</h1>
      <p className="mt-3 text-slate-700">
        {id ? `It is open to ${describeGranters(id)}.` : null}{" "}
        {!id
          ? ownerPage
            ? `This page is open to ${ACCOUNT_OWNER_LABEL} only, whatever a subuser's roles.`
            : "Your roles don't include this section."
          : owner
            ? "Your own login does not include it: only a subuser with one of those roles sees it. Add yourself such a subuser to work in it."
            : previewed
              ? `A subuser with ${previewed} would get this page: you are previewing the panel as those roles. End the preview to open it as yourself.`
              : askable
              ? "Your roles don't include it. Ask the account owner to give you one of those roles."
              : "No role gives it to a subuser."}
      </p>
      <div className="mt-6 flex flex-col items-center gap-3">
        {id && askable ? <RequestAccess section={id} /> : null}
        {owner && actor && can(actor, "subusers") ? (
          <Link href={sectionHref("subusers")} className="text-sm font-medium text-brand-700 hover:underline">
            Go to {sectionTitle("subusers")}
          </Link>
        ) : null}
        <Link href={routes.dashboard} className="text-sm font-medium text-brand-700 hover:underline">
          Back to the {sectionTitle("control_panel").toLowerCase()}
        </Link>
      </div>
    </div>
  );
}
