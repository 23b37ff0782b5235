import { can } from "@/lib/access/matrix";
import type { RoleHolder } from "@/lib/access/matrix";
import { NAV } from "@/lib/nav";
import { NavIcon } from "./nav-icon";
import { SidebarGroup, SidebarScroller } from "./sidebar-group";
import { SidebarLink } from "./sidebar-link";

/**
 * The sections this actor holds, filtered on the server; nothing role-related reaches the client.
 * A group of one (Applications, Billing) is its link alone; larger groups fold, so the whole
 * sidebar fits a short window, and the group of the current page is open.
 */
export function Sidebar({ actor }: { actor: RoleHolder }) {
  const groups = NAV.map((g) => ({ ...g, items: g.items.filter((i) => can(actor, i.section)) })).filter((g) => g.items.length > 0);
  const hrefs = groups.flatMap((g) => g.items.map((i) => i.href));
  const link = (i: (typeof groups)[number]["items"][number]) => (
    <SidebarLink href={i.href} section={i.section} siblings={hrefs}>
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
            <SidebarGroup key={g.title} title={g.title} hrefs={g.items.map((i) => i.href)} siblings={hrefs}>
              {g.items.map((i) => (
                <li key={i.section}>{link(i)}</li>
              ))}
            </SidebarGroup>
          ),
        )}
      </nav>
    </SidebarScroller>
  );
}
