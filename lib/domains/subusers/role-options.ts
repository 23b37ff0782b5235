// What each assignable role is for and what it opens, for the role checkboxes of the subuser and
// service-account dialogs. The one-line description comes from lib/access/role-descriptions.ts
// (the seed's table and FAQ); the reach is derived from the matrix, with the sidebar's short
// titles where a section has one. No role is named here.
import { ASSIGNABLE_ROLES, SECTIONS, sectionsFor, type AssignableRole } from "@/lib/access/matrix";
import { describeRole } from "@/lib/access/role-descriptions";
import { APP_TABS, NAV } from "@/lib/nav";

export type RoleOption = {
  role: AssignableRole;
  sections: number;
  /** What the role is for, in one line: shown under its checkbox. */
  hint: string;
  /** "42 of 53 sections, incl. …": how far it reaches, for the checkbox's tooltip. */
  reach: string;
  titles: string[];
};

const SHORT_TITLE = new Map<string, string>([
  ...NAV.flatMap((g) => g.items).map((i) => [i.section, i.title] as const),
  // "Overview" means nothing out of context; the application page is what it opens.
  ...APP_TABS.map((t) => [t.section, t.segment ? `App ${t.title.toLowerCase()}` : "Application page"] as const),
]);

/**
 * One option per role: its description, and its reach (how many sections it opens and the most
 * telling of them: the sidebar pages the fewest roles hold, since nearly every role opens the
 * dashboard).
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
    const reach = `${held.size} of ${SECTIONS.length} sections${telling.length ? `, incl. ${telling.join(", ")}` : ""}`;
    return { role, sections: held.size, hint: describeRole(role), reach, titles };
  });
}
