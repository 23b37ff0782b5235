import { can } from "@/lib/access/matrix";
import type { RoleHolder } from "@/lib/access/matrix";
import { NAV } from "@/lib/nav";
import { NavIcon } from "./nav-icon";
import { SidebarLink } from "./sidebar-link";

/** The sections this actor holds, filtered on the server; nothing role-related reaches the client. */
export function Sidebar({ actor }: { actor: RoleHolder }) {
  const groups = NAV.map((g) => ({ ...g, items: g.items.filter((i) => can(actor, i.section)) })).filter((g) => g.items.length > 0);
  const hrefs = groups.flatMap((g) => g.items.map((i) => i.href));
  return (
    <nav aria-label="Sections" className="space-y-5">
      {groups.map((g) => (
        <div key={g.title}>
          <p className="px-2 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-400">{g.title}</p>
          <ul className="space-y-0.5">
            {g.items.map((i) => (
              <li key={i.section}>
                <SidebarLink href={i.href} section={i.section} siblings={hrefs}>
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
