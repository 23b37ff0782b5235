"use client";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import type { ChildAccountRow, DialogState } from "./columns";

export function RowActions({ row, onOpen }: { row: ChildAccountRow; onOpen: (d: NonNullable<DialogState>, opener: HTMLElement | null) => void }) {
  return (
    <RowMenu label={`Actions for ${row.name}`}>
      <MenuItem data-owner-action="child_accounts" onSelect={(o) => onOpen({ kind: "role", row }, o)}>
        Change role
      </MenuItem>
      <MenuItem data-owner-action="child_accounts" onSelect={(o) => onOpen({ kind: "move", row }, o)}>
        Move balance
      </MenuItem>
      <MenuItem data-owner-action="child_accounts" danger={row.active} onSelect={(o) => onOpen({ kind: "suspend", row }, o)}>
        {row.active ? "Suspend" : "Reactivate"}
      </MenuItem>
    </RowMenu>
  );
}
