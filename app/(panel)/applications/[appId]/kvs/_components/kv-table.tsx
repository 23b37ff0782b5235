"use client";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { DateTime } from "@/components/ui/date-time";

export type KvRow = { key: string; value: string; expiresAt: string | null; updatedAt: string };

const columns: DataTableColumn<KvRow>[] = [
  { accessorKey: "key", header: "Key", cell: ({ getValue }) => <span className="font-mono">{getValue<string>()}</span> },
  {
    accessorKey: "value",
    header: "Value",
    enableSorting: false,
    cell: ({ getValue }) => <span className="line-clamp-2 break-all font-mono text-xs text-slate-600">{getValue<string>()}</span>,
  },
  { accessorKey: "expiresAt", header: "Expires", enableGlobalFilter: false, cell: ({ getValue }) => (getValue<string | null>() ? <DateTime value={getValue<string>()} /> : "Never") },
  { accessorKey: "updatedAt", header: "Updated", enableGlobalFilter: false, cell: ({ getValue }) => <DateTime value={getValue<string>()} /> },
];

export function KvTable({ rows }: { rows: KvRow[] }) {
  return (
    <DataTable columns={columns} data={rows} getRowId={(r) => r.key} filterLabel="Filter keys" filterPlaceholder="Key or value" caption="Key-value items" initialSort={{ id: "key" }} emptyMessage="No keys stored yet." />
  );
}
