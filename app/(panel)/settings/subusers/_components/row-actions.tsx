"use client";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import { useAction } from "@/components/forms/use-action-form";
import { useToast } from "@/components/ui/toast";
import { setSubuserActiveAction } from "../actions";
import type { DialogState, SubuserRow } from "./columns";

export function RowActions({ row, onOpen }: { row: SubuserRow; onOpen: (d: NonNullable<DialogState>, opener: HTMLElement | null) => void }) {
  const toast = useToast();
  const setActive = useAction(setSubuserActiveAction, {
    onSuccess: (s) => toast(s.active ? `${row.name} reactivated` : `${row.name} deactivated; its sessions were ended`),
    onError: (message) => toast(message, "error"),
  });
  const toggleActive = () => setActive.run({ subuserId: row.id, active: !row.active });

  return (
    <RowMenu label={`Actions for ${row.name}`}>
      <MenuItem data-action="subusers.edit" onSelect={(o) => onOpen({ kind: "edit", row }, o)}>
        Edit description &amp; roles
      </MenuItem>
      <MenuItem data-action="subusers.edit" onSelect={(o) => onOpen({ kind: "password", row }, o)}>
        Reset password
      </MenuItem>
      {row.twoStep === "on" ? (
        <MenuItem data-action="subusers.edit" onSelect={(o) => onOpen({ kind: "twoStepOff", row }, o)}>
          Turn off two-step verification
        </MenuItem>
      ) : null}
      <MenuItem data-action="subusers.edit" onSelect={toggleActive}>
        {row.active ? "Deactivate" : "Reactivate"}
      </MenuItem>
      <MenuItem data-action="subusers.edit" danger onSelect={(o) => onOpen({ kind: "delete", row }, o)}>
        Delete
      </MenuItem>
    </RowMenu>
  );
}
