"use client";
import { useEffect, useId, useRef, useSyncExternalStore } from "react";
import { usePathname } from "next/navigation";
import { ChevronRight } from "lucide-react";
import { cn } from "@/lib/core/cn";
import { activeHref } from "./sidebar-link";

const STORAGE_KEY = "sb-sidebar-groups";

const CHANGED = "sb-sidebar-groups-changed";

function stored(): Record<string, boolean> {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}") as Record<string, boolean>;
  } catch {
    return {};
  }
}

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

/**
 * A foldable group of sidebar links. The group of the current page is always open (the current
 * section stays in view); the others are folded unless a person opened them (a choice per group,
 * kept in this browser). Folded links stay in the page (hidden), so the server-rendered sidebar
 * always lists every section the principal holds.
 */
export function SidebarGroup({ title, hrefs, siblings, children }: { title: string; hrefs: string[]; siblings: readonly string[]; children: React.ReactNode }) {
  const pathname = usePathname();
  const current = hrefs.includes(activeHref(siblings, pathname) ?? "");
  // The server knows no choice (the group of the current page is open); the browser's stored one follows.
  const choice = useSyncExternalStore(subscribe, () => stored()[title], () => undefined);
  const id = useId();
  const open = current || (choice ?? false);
  const toggle = () => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...stored(), [title]: !open }));
    } catch {
      // Private mode: nothing is kept.
    }
    window.dispatchEvent(new Event(CHANGED));
  };
  return (
    <div>
      {current ? (
        <p className="flex items-center gap-1 px-2 py-1.5 text-xs font-semibold uppercase tracking-wide text-slate-600">
          <ChevronRight aria-hidden className="size-3.5 rotate-90" />
          {title}
        </p>
      ) : (
        <button
          type="button"
          aria-expanded={open}
          aria-controls={id}
          onClick={toggle}
          className="flex w-full items-center gap-1 rounded-md px-2 py-1.5 text-xs font-semibold uppercase tracking-wide text-slate-600 hover:bg-slate-100 hover:text-slate-900"
        >
          <ChevronRight aria-hidden className={cn("size-3.5 transition-transform", open && "rotate-90")} />
          {title}
        </button>
      )}
      <ul id={id} hidden={!open} className="mb-1 space-y-0.5">
        {children}
      </ul>
    </div>
  );
}

/**
 * The sidebar's scrolling box: brings the current page's link into view when the page changes,
 * by scrolling the box itself. Not scrollIntoView: Chromium makes the element it scrolls to the
 * start of sequential focus navigation, so the page's first Tab went to the link after it, past
 * the skip link and the top bar.
 */
export function SidebarScroller({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    const box = ref.current;
    const link = box?.querySelector('[aria-current="page"]');
    if (!box || !link) return;
    const b = box.getBoundingClientRect();
    const l = link.getBoundingClientRect();
    if (l.top < b.top) box.scrollTop += l.top - b.top;
    else if (l.bottom > b.bottom) box.scrollTop += l.bottom - b.bottom;
  }, [pathname]);
  return (
    <div ref={ref} className="h-full overflow-y-auto">
      {children}
    </div>
  );
}
