"use client";
// Statuses are computed when the page is read (lib/domains/sms/simulator.ts), so a page with a
// message still on its way reloads its data (router.refresh: the server component re-renders,
// the forms keep what is typed) when the next change is due: at that moment, but at most every
// 5 s and at least 1 s apart, and not while the tab is hidden. Once every message is final the
// server sends `nextChangeAt: null` and the polling stops.
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";

const MIN_MS = 1000;
const MAX_MS = 5000;

export function AutoRefresh({ nextChangeAt }: { nextChangeAt: string | null }) {
  const router = useRouter();
  // Re-arms after each refresh even if the server answers the same moment (clocks a little apart).
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!nextChangeAt) return;
    const due = new Date(nextChangeAt).getTime() - Date.now() + 250;
    const wait = Math.min(MAX_MS, Math.max(MIN_MS, due));
    const t = setTimeout(() => {
      if (document.visibilityState === "visible") router.refresh();
      setRound((r) => r + 1);
    }, wait);
    const onVisible = () => document.visibilityState === "visible" && router.refresh();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearTimeout(t);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [nextChangeAt, router, round]);
  return null;
}
