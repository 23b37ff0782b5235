"use client";
// Unsaved work in an editor: while `active`, leaving the page asks first. A reload, a closed tab
// or a typed address get the browser's own "Leave site?" (beforeunload); a click on a link to
// another page of the panel (the sidebar, a tab, another item of the same list) gets `message`
// in a confirm() and stays put on Cancel. The browser's Back button is not caught: the App
// Router offers no way to hold a history navigation.
import { useEffect } from "react";

/** Whether a click on `link` would take the browser to another page of this origin. */
function leavesPage(e: MouseEvent, link: HTMLAnchorElement): boolean {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return false; // a new tab or window
  if ((link.target && link.target !== "_self") || link.hasAttribute("download")) return false;
  const to = new URL(link.href, window.location.href);
  return to.origin === window.location.origin && (to.pathname !== window.location.pathname || to.search !== window.location.search);
}

export function useLeaveGuard(active: boolean, message: string): void {
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    // Capture phase on the document: before Next's Link (React listens on the root) starts the navigation.
    const onClick = (e: MouseEvent) => {
      const link = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>("a[href]") : null;
      if (!link || e.defaultPrevented || !leavesPage(e, link)) return;
      if (!window.confirm(message)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [active, message]);
}
