import Link from "next/link";
import { refusedSection } from "@/lib/server/guards";
import { describeGranters, section } from "@/lib/access/matrix";
import { routes } from "@/lib/routes";

// Rendered with HTTP 403 by requireSection's forbidden(). The refused section is passed through
// a request-scoped cache, so the page can name the roles that would grant it.
export default function Forbidden() {
  const id = refusedSection().id;
  return (
    <div className="mx-auto max-w-lg py-16 text-center" data-forbidden={id ?? ""}>
      <p className="text-sm font-semibold text-red-600">403 · No access</p>
      <h1 className="mt-2 text-2xl font-semibold">{id ? section(id).title : "You can't open this page"}</h1>
      <p className="mt-3 text-slate-600">
        {id
          ? `Your roles don't include this section. It is open to ${describeGranters(id)}.`
          : "Your roles don't include this section."}{" "}
        Ask the account owner to change your roles if you need it.
      </p>
      <Link href={routes.dashboard} className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
        Back to the dashboard
      </Link>
    </div>
  );
}
