import type { Route } from "next";
import { can } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import { isAccountOwner } from "@/lib/access/account-owner";
import { NAV, OWNER_NAV } from "@/lib/nav";
import { NavIcon } from "./nav-icon";
import { SidebarGroup, SidebarScroller } from "./sidebar-group";
import { SidebarLink } from "./sidebar-link";

type Entry = { key: string; href: Route; title: string; icon: string; section?: string; ownerPage?: string };

/**
 * Every href the sidebar can show, held or not: the current link is the longest of these covering
 * the path, so a refused /calls/active (its 403 page) does not mark a held /calls current.
 */
const ALL_HREFS: readonly string[] = [...NAV.flatMap((g) => g.items.map((i) => i.href)), ...OWNER_NAV.map((o) => o.href)];

/**
 * The sections this actor holds, filtered on the server, plus the owner-only pages of ours for the
 * account owner's own login; nothing role-related reaches the client. A group of one (Applications,
 * Billing) is its link alone; larger groups fold, so the whole sidebar fits a short window, and the
 * group of the current page is open.
 */
export function Sidebar({ actor }: { actor: Pick<Actor, "roles" | "kind" | "preview"> }) {
  const owner = isAccountOwner(actor);
  const groups = NAV.map((g) => ({
    title: g.title,
    items: [
      ...g.items.filter((i) => can(actor, i.section)).map((i): Entry => ({ key: i.section, href: i.href, title: i.title, icon: i.icon, section: i.section })),
      ...OWNER_NAV.filter((o) => owner && o.group === g.title).map((o): Entry => ({ key: o.page, href: o.href, title: o.title, icon: o.icon, ownerPage: o.page })),
    ],
  })).filter((g) => g.items.length > 0);
  const link = (i: Entry) => (
    <SidebarLink href={i.href} section={i.section} ownerPage={i.ownerPage} siblings={ALL_HREFS}>
      <NavIcon name={i.icon} />
      {i.title}
    </SidebarLink>
  );
  return (
    <SidebarScroller>
      <nav aria-label="Sections" className="space-y-1 px-2 py-3">
        {groups.map((g) =>
          g.items.length === 1 && g.items[0]!.title === g.title ? (
            <div key={g.title}>{link(g.items[0]!)}</div>
          ) : (
            <SidebarGroup key={g.title} title={g.title} hrefs={g.items.map((i) => i.href)} siblings={ALL_HREFS}>
              {g.items.map((i) => (
                <li key={i.key}>{link(i)}</li>
              ))}
            </SidebarGroup>
          ),
        )}
      </nav>
    </SidebarScroller>
  );
}
