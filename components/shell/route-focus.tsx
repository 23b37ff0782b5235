"use client";
import { useEffect, useRef } from "react";
import { usePathname } from "next/navigation";
import { PAGE_REGION_ID } from "./page-region";

/**
 * After a client-side navigation to another path, puts focus on the page's main region
 * (`targetId`, a tabindex="-1" element) when it was left in the shell (the sidebar, the top bar,
 * the closed drawer) or on nothing (the link followed is gone), so the next Tab reaches the new
 * page's content, as after a full load's skip link. Next.js leaves focus where it was. Focus
 * already inside the region (an autofocused field, the application's tabs) or in an open dialog
 * stays. A search-params change (paging, filters) is not a navigation here. The drawer, which
 * closes on navigation, calls focusPageRegion itself instead of returning focus to its button.
 */
export function RouteFocus({ targetId = PAGE_REGION_ID }: { targetId?: string }) {
  const pathname = usePathname();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    const timer = setTimeout(() => focusPageRegion(targetId), 0);
    return () => clearTimeout(timer);
  }, [pathname, targetId]);
  return null;
}

/** Focuses the page region `targetId` unless focus is already inside it or in an open dialog. */
export function focusPageRegion(targetId: string = PAGE_REGION_ID): void {
  const target = document.getElementById(targetId);
  const focused = document.activeElement;
  if (!target || target.contains(focused) || focused?.closest('[role="dialog"], [role="alertdialog"]')) return;
  target.focus({ preventScroll: true });
}
