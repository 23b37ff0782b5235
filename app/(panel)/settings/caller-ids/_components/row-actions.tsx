"use client";
import { MenuItem, RowMenu } from "@/components/ui/dropdown-menu";
import { useAction } from "@/components/forms/use-action-form";
import { useToast } from "@/components/ui/toast";
import { sendCallerIdCodeAction } from "../actions";
import type { DialogState } from "./columns";
import type { CallerIdRow } from "./row";

export const CODE_SENT = "The simulator called it with a new 6-digit code: read it in Notifications.";

export function RowActions({ row, onOpen }: { row: CallerIdRow; onOpen: (d: NonNullable<DialogState>, opener: HTMLElement | null) => void }) {
  const toast = useToast();
  const send = useAction(sendCallerIdCodeAction, {
    onSuccess: (c) => {
      toast(`Code sent to ${c.number}. ${CODE_SENT}`);
      onOpen({ kind: "code", row: c }, null);
    },
    onError: (message) => toast(message, "error"),
  });
  return (
    <RowMenu label={`Actions for ${row.number}`}>
      {row.codePending ? <MenuItem onSelect={(o) => onOpen({ kind: "code", row }, o)}>Enter code</MenuItem> : null}
      {!row.active && row.verificationCallsLeft > 0 ? (
        <MenuItem onSelect={() => send.run({ callerIdId: row.id })}>{row.codePending ? "Send a new code" : "Send code"}</MenuItem>
      ) : null}
      <MenuItem danger onSelect={(o) => onOpen({ kind: "delete", row }, o)}>
        Delete
      </MenuItem>
    </RowMenu>
  );
}
