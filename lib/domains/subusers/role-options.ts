// What each assignable role opens, for the role checkboxes of the subuser dialogs. Derived from
// the matrix (no role is named here), with the sidebar's short titles where a section has one.
import { ASSIGNABLE_ROLES, SECTIONS, sectionsFor, type AssignableRole } from "@/lib/access/matrix";
import { APP_TABS, NAV } from "@/lib/nav";

export type RoleOption = { role: AssignableRole; sections: number; hint: string; titles: string[] };

const SHORT_TITLE = new Map<string, string>([
  ...NAV.flatMap((g) => g.items).map((i) => [i.section, i.title] as const),
  // "Overview" means nothing out of context; the application page is what it opens.
  ...APP_TABS.map((t) => [t.section, t.segment ? `App ${t.title.toLowerCase()}` : "Application page"] as const),
]);

/**
 * One line per role: how many sections it opens, and the most telling of them (the sidebar pages
 * the fewest roles hold), since nearly every role opens the dashboard.
 */
export function roleOptions(): RoleOption[] {
  return ASSIGNABLE_ROLES.map((role) => {
    const held = sectionsFor([role]);
    const mine = SECTIONS.filter((s) => held.has(s.id));
    const titles = mine.map((s) => SHORT_TITLE.get(s.id) ?? s.title);
    const telling = mine
      .filter((s) => SHORT_TITLE.has(s.id))
      .map((s, order) => ({ title: SHORT_TITLE.get(s.id)!, spread: s.roles.length, order }))
      .sort((a, b) => a.spread - b.spread || a.order - b.order)
      .slice(0, 3)
      .sort((a, b) => a.order - b.order)
      .map((t) => t.title);
    const hint = `${held.size} of ${SECTIONS.length} sections${telling.length ? `, incl. ${telling.join(", ")}` : ""}`;
    return { role, sections: held.size, hint, titles };
  });
}
