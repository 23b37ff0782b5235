"use client";
import { Dialog as D } from "radix-ui";
import { X } from "lucide-react";
import { cn } from "@/lib/core/cn";
import { Overlay } from "./overlay";
import { returnFocus } from "./return-focus";

/** The props of components/ui/dialog.tsx's Dialog (defined here, where they are used, so neither module imports the other's code back). */
export type DialogProps = {
  open?: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: React.ReactNode;
  /** The body: scrolls on its own when long. A form dialog passes its whole <form> (see FormDialog). */
  children: React.ReactNode;
  /** Buttons kept visible under the body. */
  footer?: React.ReactNode;
  returnFocusTo?: HTMLElement | null;
  /** Without a description: the id of what describes the dialog instead (a confirmation's body). */
  describedBy?: string;
  dismissible?: boolean;
  size?: "md" | "lg";
} & Record<`data-${string}`, string>;

/**
 * The modal of components/ui/dialog.tsx (Radix Dialog), loaded lazily by Dialog; see there for
 * what it does. `footer` arrives already wrapped in DialogFooter.
 */
export default function DialogPopup({ open = true, onOpenChange, title, description, children, footer, returnFocusTo, describedBy, dismissible = true, size = "md", ...rest }: DialogProps) {
  return (
    <D.Root open={open} onOpenChange={onOpenChange}>
      <D.Portal>
        <Overlay />
        <D.Content
          {...rest}
          // No description: what `describedBy` names, else none rather than the title read twice (Radix's way to opt out).
          {...(description ? {} : { "aria-describedby": describedBy })}
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
            if (returnFocusTo) {
              e.preventDefault();
              returnFocus(returnFocusTo);
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
              {description ? <D.Description className="mt-1 text-sm text-slate-600">{description}</D.Description> : null}
            </div>
            {dismissible ? (
              <D.Close aria-label="Close" data-dialog-close="" className="rounded p-1 text-slate-600 hover:bg-slate-100">
                <X className="size-4" aria-hidden />
              </D.Close>
            ) : null}
          </div>
          {children}
          {footer}
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}
