"use client";
import { Toast as T } from "radix-ui";
import { CheckCircle2, CircleAlert, X } from "lucide-react";
import { cn } from "@/lib/core/cn";

export type ToastMessage = { id: number; title: string; tone: "success" | "error" };

/**
 * The toasts (Radix Toast), loaded by Toaster (components/ui/toast.tsx) when the first one is
 * pushed: each shown for 5 seconds (errors announced assertively), dismissed by swiping right or
 * its Dismiss button, in a viewport at the bottom right named "Notification".
 */
/**
 * A toast shown over an open dialog ("Create another") is the newest Radix layer, so Escape would
 * dismiss the toast and leave the dialog open. Escape is the dialog's: the toast stays and the
 * dialog closes as through its × (a dialog without one, showing a secret, ignores Escape).
 */
function escapeToDialog(e: KeyboardEvent) {
  const dialogs = document.querySelectorAll<HTMLElement>('[role="dialog"][data-state="open"]');
  const top = dialogs[dialogs.length - 1];
  if (!top) return;
  e.preventDefault();
  top.querySelector<HTMLButtonElement>("[data-dialog-close]")?.click();
}

export default function ToastList({ messages, dismiss }: { messages: ToastMessage[]; dismiss: (id: number) => void }) {
  return (
    <T.Provider swipeDirection="right" duration={5000} label="Notification">
      {messages.map((m) => {
        const Icon = m.tone === "error" ? CircleAlert : CheckCircle2;
        return (
          <T.Root
            key={m.id}
            type={m.tone === "error" ? "foreground" : "background"}
            onOpenChange={(open) => !open && dismiss(m.id)}
            onEscapeKeyDown={escapeToDialog}
            className={cn(
              "flex items-start gap-3 rounded-md bg-white px-4 py-3 text-sm text-slate-800 shadow-lg ring-1",
              m.tone === "error" ? "ring-red-200" : "ring-slate-200",
            )}
            data-toast={m.tone}
          >
            <Icon className={cn("mt-0.5 size-4 shrink-0", m.tone === "error" ? "text-red-600" : "text-emerald-600")} aria-hidden />
            <T.Title className="min-w-0 flex-1">{m.title}</T.Title>
            <T.Close aria-label="Dismiss" className="-m-1 rounded p-1 text-slate-600 hover:bg-slate-100">
              <X className="size-4" aria-hidden />
            </T.Close>
          </T.Root>
        );
      })}
      <T.Viewport className="fixed bottom-4 right-4 z-[100] flex w-[min(22rem,calc(100vw-2rem))] flex-col gap-2 outline-none" />
    </T.Provider>
  );
}
