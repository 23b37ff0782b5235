"use client";
// The Marketplace: the catalogue of scenario templates (cards, each with Install) and the
// account's installed templates (a table linking to each scenario and its application's rules).
import Link from "next/link";
import { Download } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { Badge, Card, EmptyState } from "@/components/ui/page";
import type { InstalledTemplateDto } from "@/lib/domains/marketplace/queries";
import type { TemplateCard } from "@/lib/domains/marketplace/templates";
import { InstallDialog, type InstallTarget } from "./install-dialog";

const link = "text-brand-700 hover:underline";

const columns: DataTableColumn<InstalledTemplateDto>[] = [
  { accessorKey: "templateTitle", header: "Template" },
  {
    id: "scenario",
    accessorFn: (r) => r.scenario.name,
    header: "Scenario",
    cell: ({ row }) => {
      const { scenario, application } = row.original;
      return application ? (
        <Link href={`/applications/${application.id}/scenarios?scenario=${scenario.id}`} aria-label={`Scenario ${scenario.name}`} className={`font-mono text-xs ${link}`}>
          {scenario.name}
        </Link>
      ) : (
        <span className="font-mono text-xs">{scenario.name}</span>
      );
    },
  },
  { id: "application", accessorFn: (r) => r.application?.name ?? "", header: "Application", cell: ({ row }) => row.original.application?.name ?? <span className="text-slate-600">shared</span> },
  {
    id: "rule",
    accessorFn: (r) => r.rule?.name ?? "",
    header: "Rule",
    cell: ({ row }) => {
      const { rule, application } = row.original;
      if (!rule) return <span className="text-slate-600">none</span>;
      return (
        <div>
          {application ? (
            <Link href={`/applications/${application.id}/rules`} aria-label={`Rule ${rule.name}`} className={link}>
              {rule.name}
            </Link>
          ) : (
            rule.name
          )}
          <div className="font-mono text-xs text-slate-600">{rule.pattern}</div>
        </div>
      );
    },
  },
  { accessorKey: "installedBy", header: "Installed by" },
  { accessorKey: "installedAt", header: "Installed", sortFn: "datetime", enableGlobalFilter: false, cell: ({ row }) => <DateTime value={row.original.installedAt} /> },
];

export function MarketplaceView({
  cards,
  applications,
  installed,
}: {
  cards: TemplateCard[];
  applications: InstallTarget[];
  installed: InstalledTemplateDto[];
}) {
  const dialog = useDialog<{ card: TemplateCard }>();
  const noApps = applications.length === 0;
  return (
    <div className="space-y-8">
      <section aria-labelledby="catalogue-title" className="space-y-3">
        <h2 id="catalogue-title" className="text-base font-semibold text-slate-900">
          Scenario templates
        </h2>
        {noApps ? (
          <p className="text-sm text-slate-700" data-marketplace-no-apps="">
            Templates install into an application.{" "}
            <Link href="/applications" className={link}>
              Create an application
            </Link>{" "}
            first.
          </p>
        ) : null}
        <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {cards.map((card) => (
            <li key={card.id}>
              <Card className="flex h-full flex-col gap-3 p-4" data-template={card.id}>
                <div className="flex items-start justify-between gap-2">
                  <h3 className="font-medium text-slate-900">{card.title}</h3>
                  <span className="shrink-0 whitespace-nowrap">
                    <Badge tone="blue">{card.category}</Badge>
                  </span>
                </div>
                <p className="text-sm text-slate-700">{card.summary}</p>
                <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
                  {card.steps.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
                <div className="mt-auto pt-1">
                  <Button data-action="marketplace" disabled={noApps} onClick={(e) => dialog.open({ card }, e.currentTarget)} aria-label={`Install ${card.title}`}>
                    <Download aria-hidden className="size-4" />
                    Install
                  </Button>
                </div>
              </Card>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="installed-title" className="space-y-3">
        <h2 id="installed-title" className="text-base font-semibold text-slate-900">
          Installed in this account
        </h2>
        {installed.length === 0 ? (
          <EmptyState title="Nothing installed yet">
            <p>Install a template above: it writes a scenario into the application, and a routing rule when you ask for one. Deleting the scenario removes it from this list.</p>
          </EmptyState>
        ) : (
          <DataTable
            columns={columns}
            data={installed}
            getRowId={(r) => String(r.id)}
            filterLabel="Filter installed templates"
            filterPlaceholder="Template, scenario, application or rule"
            caption="Installed templates"
            initialSort={{ id: "installedAt", desc: true }}
            emptyMessage="No installed template matches."
          />
        )}
      </section>

      {dialog.state ? <InstallDialog card={dialog.state.card} applications={applications} onClose={dialog.close} returnFocusTo={dialog.opener} /> : null}
    </div>
  );
}
