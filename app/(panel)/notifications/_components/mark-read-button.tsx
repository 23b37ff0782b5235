"use client";
import { useAction } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { markNotificationsReadAction } from "../actions";

export function MarkReadButton() {
  const toast = useToast();
  const mark = useAction(markNotificationsReadAction, {
    onSuccess: (r) => toast(r.read === 1 ? "1 notification marked as read" : `${r.read} notifications marked as read`),
    onError: (message) => toast(message, "error"),
  });
  return (
    <Button variant="secondary" disabled={mark.pending} onClick={() => mark.run({})}>
      {mark.pending ? "Saving…" : "Mark all as read"}
    </Button>
  );
}
