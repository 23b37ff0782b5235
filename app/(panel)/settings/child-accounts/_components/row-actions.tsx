"use client";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import type { ChildAccountRow, DialogState } from "./columns";

export function RowActions({ row, onOpen }: { row: ChildAccountRow; onOpen: (d: DialogState) => void }) {
  // Open dialogs once the menu has closed and handed focus back.
  const open = (d: DialogState) => setTimeout(() => onOpen(d), 0);
  return (
    <RowMenu label={`Actions for ${row.name}`}>
      <MenuItem data-owner-action="child_accounts" onSelect={() => open({ kind: "role", row })}>
        Change role
      </MenuItem>
      <MenuItem data-owner-action="child_accounts" danger={row.active} onSelect={() => open({ kind: "suspend", row })}>
        {row.active ? "Suspend" : "Reactivate"}
      </MenuItem>
    </RowMenu>
  );
}
