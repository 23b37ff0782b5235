"use client";
// Keeps a server-rendered page current: router.refresh() every REFRESH_MS while the tab is visible
// (paused when hidden, refreshed at once when it shows again). The page re-renders on the server
// with fresh data; client state (an open dialog, a scrolled list) survives. The data changes
// elsewhere (the call scheduler, lib/domains/calls/scheduler.ts, finalises sessions in the
// background), so reading the page only shows it; it never advances anything.
import { useEffect } from "react";
import { useRouter } from "next/navigation";

/** How often a page that watches running work refreshes itself. */
export const REFRESH_MS = 2000;

/**
 * Refreshes the page every `intervalMs` while the tab is visible and `active` holds (pass false once
 * nothing on the page can change any more: a hidden or finished page costs the server nothing).
 */
export function useAutoRefresh(intervalMs: number = REFRESH_MS, active = true): void {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    let timer: ReturnType<typeof setInterval> | null = null;
    const start = () => {
      if (timer === null) timer = setInterval(() => router.refresh(), intervalMs);
    };
    const stop = () => {
      if (timer !== null) clearInterval(timer);
      timer = null;
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") {
        router.refresh();
        start();
      } else stop();
    };
    if (document.visibilityState === "visible") start();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stop();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [router, intervalMs, active]);
}

/**
 * useAutoRefresh for a server component: render it while the page shows something still changing
 * (a running call) and leave it out once that is final, which stops the refreshing.
 */
export function AutoRefresh({ intervalMs = REFRESH_MS }: { intervalMs?: number }) {
  useAutoRefresh(intervalMs);
  return null;
}
