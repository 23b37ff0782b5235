"use client";
import { useEffect, useRef } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { PAGE_REGION_ID } from "./page-region";

/**
 * Keeps keyboard focus where a person expects it across client-side navigations, which Next.js
 * leaves alone:
 * - to another path: focus moves to the page's main region (`targetId`, tabindex="-1") when it
 *   was left in the shell (the sidebar, the top bar, the closed drawer) or on nothing (the link
 *   followed is gone), so the next Tab reaches the new page's content, as after a full load's skip
 *   link. Focus already inside the region (an autofocused field, the application's tabs) or in an
 *   open dialog stays.
 * - on the same path with other search params (a filter form's Apply, paging): a control the
 *   change re-created (a filter form is keyed by its filters) gets the focus back, found by its id
 *   or its data-focus-key, when focus fell to nothing.
 * The drawer, which closes on navigation, calls focusPageRegion itself instead of returning focus
 * to its button.
 */
export function RouteFocus({ targetId = PAGE_REGION_ID }: { targetId?: string }) {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const shown = useRef({ pathname, search });
  const lastFocused = useRef<string | null>(null);
  useEffect(() => {
    const remember = (e: FocusEvent) => {
      lastFocused.current = e.target instanceof HTMLElement ? selectorOf(e.target) : null;
    };
    document.addEventListener("focusin", remember);
    return () => document.removeEventListener("focusin", remember);
  }, []);
  useEffect(() => {
    const before = shown.current;
    if (before.pathname === pathname && before.search === search) return;
    shown.current = { pathname, search };
    const samePage = before.pathname === pathname;
    const timer = setTimeout(() => (samePage ? refocus(lastFocused.current) : focusPageRegion(targetId)), 0);
    return () => clearTimeout(timer);
  }, [pathname, search, targetId]);
  return null;
}

/** How to find `el` again once re-rendered: its data-focus-key, else its id; null for neither. */
function selectorOf(el: HTMLElement): string | null {
  const key = el.dataset.focusKey;
  if (key) return `[data-focus-key="${CSS.escape(key)}"]`;
  return el.id ? `#${CSS.escape(el.id)}` : null;
}

/** Focuses the element `selector` finds when focus fell to nothing (the focused control was replaced). */
function refocus(selector: string | null): void {
  const focused = document.activeElement;
  if (!selector || (focused && focused !== document.body)) return;
  const el = document.querySelector<HTMLElement>(selector);
  if (el && !el.matches(":disabled")) el.focus({ preventScroll: true });
}

/** Focuses the page region `targetId` unless focus is already inside it or in an open dialog. */
export function focusPageRegion(targetId: string = PAGE_REGION_ID): void {
  const target = document.getElementById(targetId);
  const focused = document.activeElement;
  if (!target || target.contains(focused) || focused?.closest('[role="dialog"], [role="alertdialog"]')) return;
  target.focus({ preventScroll: true });
}
