"use client";
import { useCallback, useState } from "react";

/**
 * Which dialog of a page is open, and the control that opened it, so the dialog can hand focus
 * back to it on close. A row menu's item is gone once the menu closes: pass the menu's trigger
 * (RowMenu gives it to onSelect) as `opener`; otherwise the focused element is taken.
 */
export function useDialog<S>(initial: S | null = null) {
  // `initial`: a dialog the page opens with (a link to "edit this subuser"); nothing to return focus to.
  const [current, setCurrent] = useState<{ state: S; opener: HTMLElement | null } | null>(initial === null ? null : { state: initial, opener: null });
  const open = useCallback((state: S, opener?: HTMLElement | null) => {
    const focused = typeof document === "undefined" ? null : (document.activeElement as HTMLElement | null);
    setCurrent({ state, opener: opener ?? focused });
  }, []);
  const close = useCallback(() => setCurrent(null), []);
  return { state: current?.state ?? null, opener: current?.opener ?? null, open, close };
}
