import type { Route } from "next";
import { can } from "@/lib/access/matrix";
import type { Actor } from "@/lib/access/actor-types";
import { isAccountOwner } from "@/lib/access/account-owner";
import { NAV, OWNER_NAV } from "@/lib/nav";
import { NavIcon } from "./nav-icon";
import { SidebarLink } from "./sidebar-link";

type Entry = { key: string; href: Route; title: string; icon: string; section?: string; ownerPage?: string };

/**
 * The sections this actor holds, filtered on the server, plus the owner-only pages of ours for
 * the account owner's own login; nothing role-related reaches the client.
 */
export function Sidebar({ actor }: { actor: Pick<Actor, "roles" | "kind"> }) {
  const owner = isAccountOwner(actor);
  const groups = NAV.map((g) => ({
    title: g.title,
    items: [
      ...g.items.filter((i) => can(actor, i.section)).map((i): Entry => ({ key: i.section, href: i.href, title: i.title, icon: i.icon, section: i.section })),
      ...OWNER_NAV.filter((o) => owner && o.group === g.title).map((o): Entry => ({ key: o.page, href: o.href, title: o.title, icon: o.icon, ownerPage: o.page })),
    ],
  })).filter((g) => g.items.length > 0);
  const hrefs = groups.flatMap((g) => g.items.map((i) => i.href));
  return (
    <nav aria-label="Sections" className="space-y-5">
      {groups.map((g) => (
        <div key={g.title}>
          <p className="px-2 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-400">{g.title}</p>
          <ul className="space-y-0.5">
            {g.items.map((i) => (
              <li key={i.key}>
                <SidebarLink href={i.href} section={i.section} ownerPage={i.ownerPage} siblings={hrefs}>
                  <NavIcon name={i.icon} />
                  {i.title}
                </SidebarLink>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
