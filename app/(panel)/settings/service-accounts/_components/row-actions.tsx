"use client";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import type { DialogState, KeyRow } from "./columns";

export function RowActions({ row, onOpen }: { row: KeyRow; onOpen: (d: DialogState) => void }) {
  // Open dialogs once the menu has closed and handed focus back.
  const open = (d: DialogState) => setTimeout(() => onOpen(d), 0);
  return (
    <RowMenu label={`Actions for ${row.name}`}>
      <MenuItem data-action="service_accounts" onSelect={() => open({ kind: "edit", row })}>
        Edit name, description &amp; roles
      </MenuItem>
      <MenuItem data-action="service_accounts" danger onSelect={() => open({ kind: "delete", row })}>
        Delete
      </MenuItem>
    </RowMenu>
  );
}
