"use client";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import type { DialogState, KeyRow } from "./columns";

export function RowActions({ row, onOpen }: { row: KeyRow; onOpen: (d: NonNullable<DialogState>, opener: HTMLElement | null) => void }) {
  return (
    <RowMenu label={`Actions for ${row.name}`}>
      <MenuItem data-action="service_accounts" onSelect={(o) => onOpen({ kind: "edit", row }, o)}>
        Edit name, description &amp; roles
      </MenuItem>
      <MenuItem data-action="service_accounts" danger onSelect={(o) => onOpen({ kind: "delete", row }, o)}>
        Delete
      </MenuItem>
    </RowMenu>
  );
}
