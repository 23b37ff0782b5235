import Link from "next/link";
import { refusedSection } from "@/lib/server/guards";
import { describeGranters, section } from "@/lib/access/matrix";
import { ACCOUNT_OWNER_LABEL, OWNER_PAGES } from "@/lib/access/account-owner";
import { routes } from "@/lib/routes";

// Rendered with HTTP 403 by requireSection's (and requireOwner's) forbidden(). The refused section
// or owner-only page is passed through a request-scoped cache, so the page can name who may open it.
export default function Forbidden() {
  const { id, ownerPage } = refusedSection();
  const ask = "Ask the account owner to change your roles if you need it.";
  const title = id ? section(id).title : ownerPage ? OWNER_PAGES[ownerPage].title : "You can't open this page";
  const message = id
    ? `Your roles don't include this section. It is open to ${describeGranters(id)}. ${ask}`
    : ownerPage
      ? `This page is open to ${ACCOUNT_OWNER_LABEL} only, whatever a subuser's roles.`
      : `Your roles don't include this section. ${ask}`;
  return (
    <div className="mx-auto max-w-lg py-16 text-center" data-forbidden={id ?? ownerPage ?? ""}>
      <p className="text-sm font-semibold text-red-600">403 · No access</p>
      <h1 className="mt-2 text-2xl font-semibold">{title}</h1>
      <p className="mt-3 text-slate-600">{message}</p>
      <Link href={routes.dashboard} className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
        Back to the dashboard
      </Link>
    </div>
  );
}
