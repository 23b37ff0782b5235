// The columns both SIP registration pages start with: the SIP account and its state.
import type { DataTableColumn } from "@/components/data-table/data-table";
import type { SipRegistrationRow } from "./rows";
import { SipStateBadge } from "./state-badge";

export const SIP_ACCOUNT_COLUMNS: DataTableColumn<SipRegistrationRow>[] = [
  { accessorKey: "label", header: "SIP account", cell: ({ row }) => <span className="font-mono">{row.original.label}</span> },
  { accessorKey: "stateLabel", header: "State", cell: ({ row }) => <SipStateBadge state={row.original.state} label={row.original.stateLabel} outcome={row.original.outcome} /> },
];
