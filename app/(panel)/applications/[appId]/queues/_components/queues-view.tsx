"use client";
import { useMemo } from "react";
import { Plus } from "lucide-react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { actionsColumn } from "@/components/data-table/features";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/page";
import { AGENT_SELECTION_LABELS, MAX_SQ_QUEUES, MAX_SQ_SKILLS, TASK_SELECTION_LABELS } from "@/lib/domains/queues/client-safe";
import { AgentDialog, DeleteQueueDialog, DeleteSkillDialog, QueueDialog, RemoveAgentDialog, SkillDialog, type AgentCandidates } from "./dialogs";
import type { SqAgentRow, SqQueueRow, SqSkillRow } from "./rows";

type DialogState =
  | { kind: "add-queue" | "add-skill" | "add-agent" }
  | { kind: "edit-queue" | "delete-queue"; row: SqQueueRow }
  | { kind: "edit-skill" | "delete-skill"; row: SqSkillRow }
  | { kind: "edit-agent" | "remove-agent"; row: SqAgentRow };

const A = "application.queues";
const dash = <span className="text-slate-600">—</span>;

const queueColumns: DataTableColumn<SqQueueRow>[] = [
  {
    accessorKey: "name",
    header: "Queue",
    cell: ({ row }) => (
      // A name may be 100 characters without a space: it wraps rather than pushing the row menus out of view.
      <div className="max-w-xs wrap-anywhere">
        <div className="font-medium">{row.original.name}</div>
        {row.original.description ? <div className="text-xs text-slate-600">{row.original.description}</div> : null}
      </div>
    ),
  },
  { accessorKey: "priority", header: "Priority", sortFn: "basic", enableGlobalFilter: false },
  {
    id: "calls",
    accessorFn: (r) => `${AGENT_SELECTION_LABELS[r.callAgentSelection as keyof typeof AGENT_SELECTION_LABELS]} ${TASK_SELECTION_LABELS[r.callTaskSelection as keyof typeof TASK_SELECTION_LABELS]}`,
    header: "Calls",
    enableSorting: false,
    cell: ({ row }) => (
      <div className="text-xs">
        <div>{AGENT_SELECTION_LABELS[row.original.callAgentSelection as keyof typeof AGENT_SELECTION_LABELS]}</div>
        <div className="text-slate-600">{TASK_SELECTION_LABELS[row.original.callTaskSelection as keyof typeof TASK_SELECTION_LABELS]}</div>
      </div>
    ),
  },
  {
    id: "chats",
    accessorFn: (r) => `${AGENT_SELECTION_LABELS[r.imAgentSelection as keyof typeof AGENT_SELECTION_LABELS]} ${TASK_SELECTION_LABELS[r.imTaskSelection as keyof typeof TASK_SELECTION_LABELS]}`,
    header: "Chats",
    enableSorting: false,
    cell: ({ row }) => (
      <div className="text-xs">
        <div>{AGENT_SELECTION_LABELS[row.original.imAgentSelection as keyof typeof AGENT_SELECTION_LABELS]}</div>
        <div className="text-slate-600">{TASK_SELECTION_LABELS[row.original.imTaskSelection as keyof typeof TASK_SELECTION_LABELS]}</div>
      </div>
    ),
  },
  { accessorKey: "agentCount", header: "Agents", sortFn: "basic", enableGlobalFilter: false },
];

const skillColumns: DataTableColumn<SqSkillRow>[] = [
  { accessorKey: "name", header: "Skill", cell: ({ row }) => <span className="block max-w-xs wrap-anywhere font-medium">{row.original.name}</span> },
  { accessorKey: "description", header: "Description", enableSorting: false, cell: ({ row }) => row.original.description || dash },
  { accessorKey: "agentCount", header: "Agents", sortFn: "basic", enableGlobalFilter: false },
];

const agentColumns: DataTableColumn<SqAgentRow>[] = [
  {
    accessorKey: "userName",
    header: "Agent",
    cell: ({ row }) => (
      <div>
        <div className="font-medium">{row.original.userName}</div>
        <div className="text-xs text-slate-600">{row.original.displayName}</div>
      </div>
    ),
  },
  { id: "queues", accessorFn: (r) => r.queues.map((q) => q.name).join(", "), header: "Queues", enableSorting: false, cell: ({ row }) => row.original.queues.map((q) => q.name).join(", ") || dash },
  {
    id: "skills",
    accessorFn: (r) => r.skills.map((s) => s.name).join(", "),
    header: "Skills (level)",
    enableSorting: false,
    cell: ({ row }) => row.original.skills.map((s) => `${s.name} (${s.level})`).join(", ") || dash,
  },
  {
    id: "settings",
    accessorFn: (r) => (r.handleCalls ? "calls" : "chats only"),
    header: "Takes",
    enableSorting: false,
    enableGlobalFilter: false,
    cell: ({ row }) => `${row.original.handleCalls ? "Calls and " : ""}${row.original.maxSimultaneousConversations} chat${row.original.maxSimultaneousConversations === 1 ? "" : "s"} at once`,
  },
];

export function QueuesView({
  applicationId,
  queues,
  skills,
  agents,
  candidates,
}: {
  applicationId: number;
  queues: SqQueueRow[];
  skills: SqSkillRow[];
  agents: SqAgentRow[];
  /** The Add agent dialog's suggestions (lib/domains/queues agentCandidates). */
  candidates: AgentCandidates;
}) {
  const dialog = useDialog<DialogState>();
  const { open } = dialog;
  const d = dialog.state;
  const props = { onClose: dialog.close, returnFocusTo: dialog.opener, applicationId };

  const queueTable = useMemo<DataTableColumn<SqQueueRow>[]>(
    () => [
      ...queueColumns,
      actionsColumn(({ row }) => (
        <RowMenu label={`Actions for the queue ${row.original.name}`}>
          <MenuItem data-action={A} onSelect={(o) => open({ kind: "edit-queue", row: row.original }, o)}>
            Edit queue
          </MenuItem>
          <MenuItem data-action={A} danger onSelect={(o) => open({ kind: "delete-queue", row: row.original }, o)}>
            Delete queue
          </MenuItem>
        </RowMenu>
      )),
    ],
    [open],
  );
  const skillTable = useMemo<DataTableColumn<SqSkillRow>[]>(
    () => [
      ...skillColumns,
      actionsColumn(({ row }) => (
        <RowMenu label={`Actions for the skill ${row.original.name}`}>
          <MenuItem data-action={A} onSelect={(o) => open({ kind: "edit-skill", row: row.original }, o)}>
            Edit skill
          </MenuItem>
          <MenuItem data-action={A} danger onSelect={(o) => open({ kind: "delete-skill", row: row.original }, o)}>
            Delete skill
          </MenuItem>
        </RowMenu>
      )),
    ],
    [open],
  );
  const agentTable = useMemo<DataTableColumn<SqAgentRow>[]>(
    () => [
      ...agentColumns,
      actionsColumn(({ row }) => (
        <RowMenu label={`Actions for the agent ${row.original.userName}`}>
          <MenuItem data-action={A} onSelect={(o) => open({ kind: "edit-agent", row: row.original }, o)}>
            Edit agent
          </MenuItem>
          <MenuItem data-action={A} danger onSelect={(o) => open({ kind: "remove-agent", row: row.original }, o)}>
            Remove agent
          </MenuItem>
        </RowMenu>
      )),
    ],
    [open],
  );

  const addButton = (kind: "add-queue" | "add-skill" | "add-agent", label: string, disabled = false) => (
    <Button data-action={A} disabled={disabled} onClick={(e) => open({ kind }, e.currentTarget)}>
      <Plus aria-hidden className="size-4" />
      {label}
    </Button>
  );
  const named = { queues: queues.map((q) => ({ id: q.id, name: q.name })), skills: skills.map((s) => ({ id: s.id, name: s.name })) };

  return (
    <div className="space-y-10">
      <section aria-labelledby="sq-queues" className="space-y-3">
        <h2 id="sq-queues" className="text-lg font-semibold">
          Queues
        </h2>
        {queues.length === 0 ? (
          <EmptyState title="No queues in this application" action={addButton("add-queue", "Add queue")}>
            <p>Add a queue for each line of work (sales, support); scenarios put calls and chats in it, and it hands them to its agents.</p>
          </EmptyState>
        ) : (
          <DataTable columns={queueTable} data={queues} getRowId={(r) => String(r.id)} filterLabel="Filter queues" caption="Queues" initialSort={{ id: "name" }} emptyMessage="No queues match." toolbarActions={addButton("add-queue", "Add queue", queues.length >= MAX_SQ_QUEUES)} />
        )}
      </section>
      <section aria-labelledby="sq-skills" className="space-y-3">
        <h2 id="sq-skills" className="text-lg font-semibold">
          Skills
        </h2>
        {skills.length === 0 ? (
          <EmptyState title="No skills in this application" action={addButton("add-skill", "Add skill")}>
            <p>Add the skills queues pick agents by, such as a language or a product; then give agents a level in each.</p>
          </EmptyState>
        ) : (
          <DataTable columns={skillTable} data={skills} getRowId={(r) => String(r.id)} filterLabel="Filter skills" caption="Skills" initialSort={{ id: "name" }} emptyMessage="No skills match." toolbarActions={addButton("add-skill", "Add skill", skills.length >= MAX_SQ_SKILLS)} />
        )}
      </section>
      <section aria-labelledby="sq-agents" className="space-y-3">
        <h2 id="sq-agents" className="text-lg font-semibold">
          Agents
        </h2>
        {agents.length === 0 ? (
          <EmptyState title="No agents yet" action={addButton("add-agent", "Add agent")}>
            <p>Make one of the application&apos;s users an agent: choose the queues it serves and its skill levels.</p>
          </EmptyState>
        ) : (
          <DataTable columns={agentTable} data={agents} getRowId={(r) => String(r.id)} filterLabel="Filter agents" caption="Agents" initialSort={{ id: "userName" }} emptyMessage="No agents match." toolbarActions={addButton("add-agent", "Add agent")} />
        )}
      </section>
      {d?.kind === "add-queue" ? <QueueDialog {...props} /> : null}
      {d?.kind === "edit-queue" ? <QueueDialog {...props} row={d.row} /> : null}
      {d?.kind === "delete-queue" ? <DeleteQueueDialog {...props} row={d.row} /> : null}
      {d?.kind === "add-skill" ? <SkillDialog {...props} /> : null}
      {d?.kind === "edit-skill" ? <SkillDialog {...props} row={d.row} /> : null}
      {d?.kind === "delete-skill" ? <DeleteSkillDialog {...props} row={d.row} /> : null}
      {d?.kind === "add-agent" ? <AgentDialog {...props} {...named} candidates={candidates} /> : null}
      {d?.kind === "edit-agent" ? <AgentDialog {...props} {...named} row={d.row} /> : null}
      {d?.kind === "remove-agent" ? <RemoveAgentDialog {...props} row={d.row} /> : null}
    </div>
  );
}
