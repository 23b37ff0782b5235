"use client";
import { useTransition } from "react";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import { useToast } from "@/components/ui/toast";
import { setAppUserActiveAction } from "../actions";
import type { DialogState, UserRow } from "./columns";

export function RowActions({ appId, row, onOpen }: { appId: number; row: UserRow; onOpen: (d: DialogState) => void }) {
  const toast = useToast();
  const [, startTransition] = useTransition();
  // Open dialogs after the menu has closed and returned focus, so the two layers never fight.
  const open = (d: DialogState) => setTimeout(() => onOpen(d), 0);
  const toggleActive = () =>
    startTransition(async () => {
      const r = await setAppUserActiveAction({ applicationId: appId, userId: row.id, active: !row.active });
      if (r.ok) toast(r.data.active ? `${row.name} activated` : `${row.name} deactivated`);
      else toast(r.formError ?? Object.values(r.fieldErrors ?? {})[0] ?? "Could not change the user", "error");
    });
  return (
    <RowMenu label={`Actions for ${row.name}`}>
      <MenuItem data-action="application.users" onSelect={() => open({ kind: "edit", row })}>
        Edit
      </MenuItem>
      <MenuItem data-action="application.users" onSelect={toggleActive}>
        {row.active ? "Deactivate" : "Activate"}
      </MenuItem>
      <MenuItem data-action="application.users" danger onSelect={() => open({ kind: "delete", row })}>
        Delete
      </MenuItem>
    </RowMenu>
  );
}
