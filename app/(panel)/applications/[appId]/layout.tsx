import Link from "next/link";
import { ChevronLeft } from "lucide-react";
import { requireActor } from "@/lib/server/guards";
import { can } from "@/lib/access/matrix";
import { APP_TABS, appTabHref } from "@/lib/nav";
import { AppTabs } from "./_components/app-tabs";
import { loadApplication } from "./_components/load-application";
import { sectionHref } from "@/lib/routes";

// The application's frame: its full name and the tabs the actor holds. Not a security boundary:
// every tab's page calls requireSection for its own section.
export default async function ApplicationLayout({ children, params }: { children: React.ReactNode; params: Promise<{ appId: string }> }) {
  const actor = await requireActor();
  const app = await loadApplication(actor, (await params).appId);
  const tabs = APP_TABS.filter((t) => can(actor, t.section)).map((t) => ({ section: t.section, title: t.title, href: appTabHref(app.id, t.section) }));
  return (
    <div>
      {can(actor, "applications") ? (
        <Link href={sectionHref("applications")} className="mb-2 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
          <ChevronLeft aria-hidden className="size-4" />
          Applications
        </Link>
      ) : null}
      <div className="mb-6 border-b border-slate-200">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-400">Application</p>
        <p className="mb-3 break-all font-mono text-sm text-slate-700" data-testid="app-full-name">
          {app.fullName}
        </p>
        <AppTabs tabs={tabs} />
      </div>
      {children}
    </div>
  );
}
