import { requireActor } from "@/lib/server/guards";
import { can } from "@/lib/access/matrix";
import { getBalance } from "@/lib/domains/billing/queries";
import { formatMoney } from "@/lib/domains/billing/money";
import { unreadNotifications } from "@/lib/domains/notifications/queries";
import { Sidebar } from "@/components/shell/sidebar";
import { TopBar } from "@/components/shell/top-bar";
import { PreviewBanner } from "@/components/shell/preview-banner";
import { RouteFocus } from "@/components/shell/route-focus";
import { PAGE_REGION_ID } from "@/components/shell/page-region";
import { logoutAction } from "@/app/(auth)/actions";
import { routes, sectionHref } from "@/lib/routes";

// The shell: a skip link, the top bar, the sidebar (a drawer below 1024 px) and the page. Every
// element shows only what the actor's sections allow (the balance with Billing, the bell with
// Notifications, Profile with Profile). Not a security boundary: every page calls
// requireSection itself. After a client-side navigation, focus moves to the page (RouteFocus).
export default async function PanelLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const [balance, unread] = await Promise.all([can(actor, "billing") ? getBalance(actor) : null, unreadNotifications(actor)]);
  const sidebar = <Sidebar actor={actor} />;
  const who = actor.kind === "owner" ? `${actor.accountName} (owner)` : `${actor.name} @ ${actor.accountName}`;
  const detail =
    actor.kind === "owner"
      ? actor.preview
        ? `Account owner, previewing ${actor.preview.roles.join(", ")}`
        : "Account owner"
      : `Subuser with ${actor.roles.join(", ")}`;
  return (
    <div className="flex min-h-full flex-col">
      <a
        href={`#${PAGE_REGION_ID}`}
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:fixed focus:left-3 focus:top-3"
      >
        Skip to content
      </a>
      {actor.preview ? <PreviewBanner roles={actor.preview.roles} back={sectionHref("subusers")} /> : null}
      <TopBar
        home={routes.dashboard}
        accountName={actor.accountName}
        who={who}
        detail={detail}
        balance={balance === null ? null : { text: formatMoney(balance), href: sectionHref("billing") }}
        notifications={can(actor, "notification_history") ? { unread, href: sectionHref("notification_history") } : null}
        profileHref={can(actor, "profile") ? sectionHref("profile") : null}
        logout={logoutAction}
        sidebar={sidebar}
      />
      <div className="flex flex-1">
        <aside className="sticky top-14 hidden h-[calc(100dvh-3.5rem)] w-64 shrink-0 border-r border-slate-200 bg-white lg:block">{sidebar}</aside>
        <main id={PAGE_REGION_ID} tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 outline-none sm:px-6 lg:px-8">
          {children}
        </main>
        <RouteFocus />
      </div>
    </div>
  );
}
