"use client";
import { useTransition } from "react";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import { useToast } from "@/components/ui/toast";
import { setSubuserActiveAction } from "../actions";
import type { DialogState, SubuserRow } from "./columns";

export function RowActions({ row, onOpen }: { row: SubuserRow; onOpen: (d: DialogState) => void }) {
  const toast = useToast();
  const [, startTransition] = useTransition();
  // Open dialogs once the menu has closed and handed focus back, so the two layers never
  // fight over focus and pointer events.
  const open = (d: DialogState) => setTimeout(() => onOpen(d), 0);

  const toggleActive = () =>
    startTransition(async () => {
      const r = await setSubuserActiveAction({ subuserId: row.id, active: !row.active });
      if (r.ok) toast(r.data.active ? `${row.name} reactivated` : `${row.name} deactivated; its sessions were ended`);
      else toast(r.formError ?? Object.values(r.fieldErrors ?? {})[0] ?? "Could not change the subuser", "error");
    });

  return (
    <RowMenu label={`Actions for ${row.name}`}>
      <MenuItem data-action="subusers.edit" onSelect={() => open({ kind: "edit", row })}>
        Edit description &amp; roles
      </MenuItem>
      <MenuItem data-action="subusers.edit" onSelect={() => open({ kind: "password", row })}>
        Reset password
      </MenuItem>
      <MenuItem data-action="subusers.edit" onSelect={toggleActive}>
        {row.active ? "Deactivate" : "Reactivate"}
      </MenuItem>
      <MenuItem data-action="subusers.edit" danger onSelect={() => open({ kind: "delete", row })}>
        Delete
      </MenuItem>
    </RowMenu>
  );
}
