"use client";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import { useAction } from "@/components/forms/use-action-form";
import { useToast } from "@/components/ui/toast";
import { setAppUserActiveAction } from "../actions";
import type { DialogState, UserRow } from "./columns";

/**
 * A user's row menu. `canMoveFunds`: the principal also holds Billing, so "Top up balance" (a
 * user with a separate balance) and "Move balance back" (a user with money on its own) appear.
 */
export function RowActions({
  appId,
  row,
  canMoveFunds,
  hasSkills,
  onOpen,
}: {
  appId: number;
  row: UserRow;
  canMoveFunds: boolean;
  /** The application has SmartQueue skills to give: "SmartQueue skills" appears. */
  hasSkills: boolean;
  onOpen: (d: NonNullable<DialogState>, opener: HTMLElement | null) => void;
}) {
  const toast = useToast();
  const setActive = useAction(setAppUserActiveAction, {
    onSuccess: (u) => toast(u.active ? `${row.name} activated` : `${row.name} deactivated`),
    onError: (message) => toast(message, "error"),
  });
  return (
    <RowMenu label={`Actions for ${row.name}`}>
      <MenuItem data-action="application.users" onSelect={(o) => onOpen({ kind: "edit", row }, o)}>
        Edit
      </MenuItem>
      <MenuItem data-action="application.users" onSelect={() => setActive.run({ applicationId: appId, userId: row.id, active: !row.active })}>
        {row.active ? "Deactivate" : "Activate"}
      </MenuItem>
      {hasSkills ? (
        <MenuItem data-action="application.users" onSelect={(o) => onOpen({ kind: "skills", row }, o)}>
          SmartQueue skills
        </MenuItem>
      ) : null}
      {canMoveFunds && row.separateBalance ? (
        <MenuItem data-action="application.users" onSelect={(o) => onOpen({ kind: "move", row, direction: "to_user" }, o)}>
          Top up balance
        </MenuItem>
      ) : null}
      {canMoveFunds && row.balanceMinor > 0 ? (
        <MenuItem data-action="application.users" onSelect={(o) => onOpen({ kind: "move", row, direction: "to_account" }, o)}>
          Move balance back
        </MenuItem>
      ) : null}
      <MenuItem data-action="application.users" danger onSelect={(o) => onOpen({ kind: "delete", row }, o)}>
        Delete
      </MenuItem>
    </RowMenu>
  );
}
