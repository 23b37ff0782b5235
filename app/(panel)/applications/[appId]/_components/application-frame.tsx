import "server-only";
import type { Metadata } from "next";
import { can, type SectionId } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import type { ApplicationDto } from "@/lib/domains/applications/queries";
import { getActor } from "@/lib/auth/actor";
import { PageHeader, type Crumb } from "@/components/ui/page";
import { APP_TABS, NOT_FOUND_TITLE, appTabHref } from "@/lib/nav";
import { sectionHref } from "@/lib/routes";
import { AppTabs } from "./app-tabs";
import { findApplication } from "./load-application";

const tabOf = (section: SectionId) => APP_TABS.find((t) => t.section === section)!;

/**
 * An application's page frame: the breadcrumb, the heading (the application's name on its
 * overview, the tab's name under it elsewhere, or the record's `item` on a record of a tab: a
 * call list, a call session), the full name and the tabs the actor holds. Each
 * tab's page renders it after its own requireSection and loadApplication, never a layout: a
 * layout renders beside a refused page (into its 403 response, RSC payload included), and the
 * application's name is exactly what a principal without the section must not learn there.
 */
export function ApplicationFrame({
  actor,
  app,
  section,
  item,
  description,
  actions,
  children,
}: {
  actor: Actor;
  app: ApplicationDto;
  section: SectionId;
  /** A record of the tab (its name or "Call 12"): the heading, under the tab in the breadcrumb. */
  item?: string;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  children: React.ReactNode;
}) {
  const tabs = APP_TABS.filter((t) => can(actor, t.section)).map((t) => ({ section: t.section, title: t.title, href: appTabHref(app.id, t.section) }));
  const overview = section === "application";
  const crumbs: Crumb[] = [{ label: "Applications", href: can(actor, "applications") ? sectionHref("applications") : undefined }];
  if (!overview) crumbs.push({ label: app.name, href: tabs[0]?.href });
  if (item !== undefined) crumbs.push({ label: tabOf(section).title, href: appTabHref(app.id, section) });
  return (
    <>
      <PageHeader title={item ?? (overview ? app.name : tabOf(section).title)} crumbs={crumbs} description={description} actions={actions} />
      <div className="-mt-3 mb-6 border-b border-slate-200">
        <p className="mb-3 break-all font-mono text-sm text-slate-600" data-testid="app-full-name">
          {app.fullName}
        </p>
        <AppTabs tabs={tabs} />
      </div>
      {children}
    </>
  );
}

/**
 * The browser tab's title of an application page: "Users · sales" (the overview: "sales"; a
 * record of a tab: "Spring · Call lists · sales", its name from `itemOf`, which returns null for
 * a missing record, titled "Not found" as its 404 page, as is a missing application). For a
 * principal without the section it is the section's name alone, so the 403 page's title does
 * not name the application (or the record) either.
 */
export async function applicationMetadata<P extends { appId: string }>(
  section: SectionId,
  params: Promise<P>,
  itemOf?: (actor: Actor, app: ApplicationDto, params: P) => Promise<string | null>,
): Promise<Metadata> {
  const tab = tabOf(section);
  const actor = await getActor();
  if (!actor || !can(actor, section)) return { title: tab.longTitle };
  const p = await params;
  const app = await findApplication(actor, p.appId);
  if (!app) return { title: NOT_FOUND_TITLE };
  const title = section === "application" ? app.name : `${tab.title} · ${app.name}`;
  if (!itemOf) return { title };
  const item = await itemOf(actor, app, p);
  return { title: item ? `${item} · ${title}` : NOT_FOUND_TITLE };
}
