import type { Metadata } from "next";
import Link from "next/link";
import { Check, X } from "lucide-react";
import { requireSection } from "@/lib/server/guards";
import { ROLES, SECTIONS, OWNER_ROLE, can, explain, isAssignableRole, sectionsFor, type Role, type Section } from "@/lib/access/matrix";
import { roleOptions } from "@/lib/domains/subusers/role-options";
import { PreviewRoles } from "../subusers/_components/preview-roles";
import { Badge, Card, PageHeader } from "@/components/ui/page";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/forms/fields";
import { cn } from "@/lib/core/cn";
import { listSubusers } from "@/lib/domains/subusers/queries";
import { routes, sectionHref } from "@/lib/routes";
import { sectionTitle } from "@/lib/nav";

export const metadata: Metadata = { title: "Access matrix" };

const roleName = (r: Role) => (r === OWNER_ROLE ? "Account owner" : r);

/** Sections by group, groups in order of first appearance, the seed's row order within each. */
function groups(): { title: string; sections: Section[] }[] {
  const byTitle = new Map<string, Section[]>();
  for (const s of SECTIONS) byTitle.set(s.group, [...(byTitle.get(s.group) ?? []), s]);
  return [...byTitle].map(([title, sections]) => ({ title, sections }));
}

function or(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

export default async function AccessPage({ searchParams }: { searchParams: Promise<{ subuser?: string | string[] }> }) {
  const actor = await requireSection("subusers");
  const { subuser: raw } = await searchParams;
  // The choice comes from this account's own list, so another account's id simply isn't there.
  const { items: subusers } = await listSubusers(actor);
  const wanted = typeof raw === "string" && raw !== "" ? raw : null;
  const selected = wanted ? (subusers.find((s) => String(s.id) === wanted) ?? null) : null;
  // Explain with no choice, or an id that is not one of this account's subusers.
  const notice =
    raw === "" && subusers.length > 0 ? "Choose a subuser first: the explanation is about its roles." : wanted && !selected ? "There is no such subuser in this account." : null;
  const held = new Set<string>(selected?.roles ?? []);
  const grouped = groups();

  return (
    <>
      <PageHeader
        title="Access matrix"
        crumbs={[{ label: "Settings" }, { label: sectionTitle("subusers"), href: sectionHref("subusers") }]}
        description="Which role opens which section of the panel. A subuser sees the sections of all its roles together; access to a section means full read, write and delete access."
        actions={
          <>
            <Link href={sectionHref("subusers")} className="text-sm font-medium text-brand-700 hover:underline">
              Back to {sectionTitle("subusers")}
            </Link>
            {can(actor, "subusers.edit") ? (
              <PreviewRoles
                roleOptions={roleOptions()}
                defaultRoles={selected?.roles}
                label={selected ? `Preview as ${selected.name}'s roles…` : "Preview as roles…"}
              />
            ) : null}
          </>
        }
      />

      <Card className="mb-6">
        <h2 className="text-sm font-semibold text-slate-900">Why can a subuser see a section?</h2>
        <form method="get" action={routes.access} className="mt-3 flex flex-wrap items-end gap-2">
          <div className="min-w-56 flex-1 space-y-1 sm:max-w-sm">
            <label htmlFor="why-subuser" className="block text-sm font-medium text-slate-700">
              Subuser
            </label>
            <select id="why-subuser" name="subuser" defaultValue={selected ? String(selected.id) : ""} className={inputClass}>
              <option value="">Choose a subuser…</option>
              {subusers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.roles.join(", ") || "no roles"})
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary" disabled={subusers.length === 0}>
            Explain
          </Button>
        </form>
        {subusers.length === 0 ? <p className="mt-3 text-sm text-slate-600">This account has no subusers yet.</p> : null}
        {notice ? (
          <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" role="status">
            {notice}
          </p>
        ) : null}
        {selected ? <Why subuser={selected} grouped={grouped} /> : null}
      </Card>

      <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200" tabIndex={0} role="region" aria-label="Access matrix: roles and the sections they open">
        <table className="w-full text-left text-xs" data-testid="access-matrix">
          <caption className="sr-only">Roles and the sections they open</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="sticky left-0 z-10 min-w-64 bg-slate-50 px-3 py-2 font-medium">
                Section
              </th>
              {ROLES.map((r) => (
                <th key={r} scope="col" className={cn("px-2 py-2 text-center font-medium whitespace-nowrap", held.has(r) && "bg-brand-50 text-brand-700")}>
                  {roleName(r)}
                </th>
              ))}
            </tr>
          </thead>
          {grouped.map((g) => (
            <tbody key={g.title} className="divide-y divide-slate-100">
              <tr className="bg-slate-50/60">
                <th scope="rowgroup" colSpan={ROLES.length + 1} className="px-3 py-1.5 text-[11px] font-semibold uppercase tracking-wide text-slate-600">
                  {g.title}
                </th>
              </tr>
              {g.sections.map((s) => (
                <tr key={s.id} data-section-row={s.id} className="hover:bg-slate-50/70">
                  <th scope="row" className="sticky left-0 bg-white px-3 py-1.5 font-normal text-slate-800">
                    {s.title}
                    {s.kind === "action" ? <span className="ml-1.5 text-[10px] uppercase text-slate-600">action</span> : null}
                  </th>
                  {ROLES.map((r) => {
                    const granted = s.roles.includes(r);
                    return (
                      <td key={r} className={cn("px-2 py-1.5 text-center", held.has(r) && "bg-brand-50/60")} data-role={r} data-granted={granted}>
                        {granted ? <Check className="mx-auto size-4 text-emerald-600" aria-label="granted" /> : <span className="sr-only">not granted</span>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </>
  );
}

function Why({ subuser, grouped }: { subuser: { id: number; name: string; active: boolean; roles: readonly string[] }; grouped: { title: string; sections: Section[] }[] }) {
  const visible = sectionsFor(subuser.roles);
  return (
    <div className="mt-5" data-testid="why" data-subuser={subuser.name}>
      <p className="text-sm text-slate-700">
        <span className="font-semibold">{subuser.name}</span> holds{" "}
        {subuser.roles.length ? (
          <span className="inline-flex flex-wrap gap-1 align-middle">
            {subuser.roles.map((r) => (
              <Badge key={r} tone="blue">
                {r}
              </Badge>
            ))}
          </span>
        ) : (
          "no roles"
        )}{" "}
        and sees {visible.size} of {SECTIONS.length} sections.
        {!subuser.active ? <span className="ml-2 text-amber-700">It is inactive, so it cannot log in at all.</span> : null}
      </p>
      <div className="relative mt-3 overflow-x-auto rounded-md ring-1 ring-slate-200" tabIndex={0} role="region" aria-label={`Why ${subuser.name} sees each section`}>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Why {subuser.name} can or cannot see each section</caption>
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">Section</th>
              <th scope="col" className="px-3 py-2 font-medium">Access</th>
              <th scope="col" className="px-3 py-2 font-medium">Why</th>
            </tr>
          </thead>
          {grouped.map((g) => (
            <tbody key={g.title} className="divide-y divide-slate-100">
              <tr className="bg-slate-50/60">
                <th scope="rowgroup" colSpan={3} className="px-3 py-1.5 text-[11px] font-semibold uppercase tracking-wide text-slate-600">
                  {g.title}
                </th>
              </tr>
              {g.sections.map((s) => {
                const e = explain(subuser.roles, s.id);
                const assignable = e.wouldGrant.filter((r) => isAssignableRole(r));
                return (
                  <tr key={s.id} data-why-section={s.id} data-granted={e.granted}>
                    <th scope="row" className="px-3 py-1.5 font-normal text-slate-800">{s.title}</th>
                    <td className="whitespace-nowrap px-3 py-1.5">
                      {e.granted ? (
                        <span className="inline-flex items-center gap-1 text-emerald-700"><Check className="size-4" aria-hidden />Granted</span>
                      ) : (
                        <span className="inline-flex items-center gap-1 text-slate-600"><X className="size-4" aria-hidden />Not granted</span>
                      )}
                    </td>
                    <td className="px-3 py-1.5 text-slate-600">
                      {e.granted
                        ? `Granted by ${or(e.grantedBy)}`
                        : assignable.length
                          ? `Would be granted by ${or(assignable)}`
                          : "Only the account owner's own login has it; no subuser role grants it"}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>
      </div>
    </div>
  );
}
