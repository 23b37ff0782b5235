"use client";
import { Dialog as D } from "radix-ui";
import { X } from "lucide-react";
import { cn } from "@/lib/core/cn";

/**
 * The panel's one modal: a title and description that stay at the top, a body that scrolls when
 * the dialog is taller than the window, and a footer (the buttons) that stays at the bottom.
 *
 * - Focus goes to the first field of the body when it opens (not to the close button), and
 *   back to `returnFocusTo` (the control that opened it) when it closes: components/forms's
 *   useDialog records it, also for dialogs opened from a row's menu, whose own trigger is gone.
 * - `dismissible={false}` (dialogs that show a secret): a click outside and Escape do nothing
 *   and there is no close button; only the dialog's own buttons close it.
 */
export function Dialog({
  open = true,
  onOpenChange,
  title,
  description,
  children,
  footer,
  returnFocusTo,
  dismissible = true,
  size = "md",
  ...rest
}: {
  open?: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: React.ReactNode;
  /** The body: scrolls on its own when long. A form dialog passes its whole <form> (see FormDialog). */
  children: React.ReactNode;
  /** Buttons kept visible under the body. */
  footer?: React.ReactNode;
  returnFocusTo?: HTMLElement | null;
  dismissible?: boolean;
  size?: "md" | "lg";
} & Record<`data-${string}`, string>) {
  return (
    <D.Root open={open} onOpenChange={onOpenChange}>
      <D.Portal>
        <D.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <D.Content
          {...rest}
          onOpenAutoFocus={(e) => {
            const content = e.currentTarget as HTMLElement | null;
            const first =
              content?.querySelector<HTMLElement>("[data-autofocus]") ??
              content
                ?.querySelector("[data-dialog-body]")
                ?.querySelector<HTMLElement>("input:not([type=hidden]):not([disabled]), textarea:not([disabled]), select:not([disabled])");
            if (first) {
              e.preventDefault();
              first.focus();
            }
          }}
          onCloseAutoFocus={(e) => {
            if (returnFocusTo?.isConnected) {
              e.preventDefault();
              returnFocusTo.focus();
            }
          }}
          onInteractOutside={dismissible ? undefined : (e) => e.preventDefault()}
          onEscapeKeyDown={dismissible ? undefined : (e) => e.preventDefault()}
          className={cn(
            "fixed left-1/2 top-1/2 z-50 flex max-h-[calc(100dvh-2rem)] -translate-x-1/2 -translate-y-1/2 flex-col rounded-lg bg-white shadow-xl ring-1 ring-slate-200",
            size === "lg" ? "w-[min(44rem,calc(100vw-2rem))]" : "w-[min(32rem,calc(100vw-2rem))]",
          )}
        >
          <div className="flex shrink-0 items-start justify-between gap-4 border-b border-slate-100 px-5 pb-3 pt-5 sm:px-6">
            <div className="min-w-0">
              <D.Title className="text-lg font-semibold text-slate-900">{title}</D.Title>
              {description ? (
                <D.Description className="mt-1 text-sm text-slate-600">{description}</D.Description>
              ) : (
                <D.Description className="sr-only">{title}</D.Description>
              )}
            </div>
            {dismissible ? (
              <D.Close aria-label="Close" className="rounded p-1 text-slate-600 hover:bg-slate-100">
                <X className="size-4" aria-hidden />
              </D.Close>
            ) : null}
          </div>
          {children}
          {footer ? <DialogFooter>{footer}</DialogFooter> : null}
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}

/** The scrolling part of a dialog. */
export function DialogBody({ children, className }: { children: React.ReactNode; className?: string }) {
  return (
    <div data-dialog-body className={cn("min-h-0 flex-1 space-y-4 overflow-y-auto px-5 py-4 sm:px-6", className)}>
      {children}
    </div>
  );
}

/** The buttons of a dialog, always visible under its body. */
export function DialogFooter({ children, className }: { children: React.ReactNode; className?: string }) {
  return (
    <div className={cn("flex shrink-0 flex-wrap items-center justify-end gap-2 border-t border-slate-100 px-5 py-3 sm:px-6", className)}>
      {children}
    </div>
  );
}
