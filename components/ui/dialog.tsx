"use client";
import { lazy, Suspense } from "react";
import { cn } from "@/lib/core/cn";

const loadPopup = () => import("./dialog-popup");
const DialogPopup = lazy(loadPopup);
// Fetched once the page is idle after it loads, so the first dialog opens at once.
if (typeof window !== "undefined") (window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200)))(() => void loadPopup());

import type { DialogProps } from "./dialog-popup";

export type { DialogProps };

/**
 * The panel's one modal: a title and description that stay at the top, a body that scrolls when
 * the dialog is taller than the window, and a footer (the buttons) that stays at the bottom.
 *
 * - Focus goes to the first field of the body when it opens (not to the close button), and
 *   back to `returnFocusTo` (the control that opened it) when it closes: components/forms's
 *   useDialog records it, also for dialogs opened from a row's menu, whose own trigger is gone.
 *   When that control is gone too (its row was deleted), focus goes to the page's main region
 *   (return-focus.ts), not to <body>.
 * - `dismissible={false}` (dialogs that show a secret): a click outside and Escape do nothing
 *   and there is no close button; only the dialog's own buttons close it.
 *
 * Pages render a dialog only while it is open, and few visits open one: the modal itself (Radix
 * Dialog and its focus trap, about 8 kB gzipped, dialog-popup.tsx) is a lazy part, fetched when
 * the page is idle after loading, rendered through Suspense with no fallback (issue 11:
 * first-load JavaScript per route). DialogBody and DialogFooter are plain markup and stay here.
 */
export function Dialog({ footer, ...props }: DialogProps) {
  return (
    <Suspense fallback={null}>
      <DialogPopup {...props} footer={footer ? <DialogFooter>{footer}</DialogFooter> : null} />
    </Suspense>
  );
}

/** The scrolling part of a dialog. */
export function DialogBody({ children, className, id }: { children: React.ReactNode; className?: string; id?: string }) {
  return (
    <div id={id} data-dialog-body className={cn("min-h-0 flex-1 space-y-4 overflow-y-auto px-5 py-4 sm:px-6", className)}>
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
