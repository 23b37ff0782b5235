"use client";
import { useCallback, useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { Route } from "next";

export type ListUrlPatch = Partial<Record<"q" | "sort" | "dir" | "page" | "size", string | number | null>>;

/**
 * Server mode: writes list state into the URL with router.replace (no history entry per
 * keystroke), so the server component re-renders with the new page. `null`, "" and page 1
 * are removed to keep shareable URLs short.
 */
export function useListUrl() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [isPending, startTransition] = useTransition();

  const update = useCallback(
    (patch: ListUrlPatch) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [key, value] of Object.entries(patch)) {
        if (value === null || value === undefined || value === "" || (key === "page" && Number(value) <= 1)) next.delete(key);
        else next.set(key, String(value));
      }
      const qs = next.toString();
      startTransition(() => router.replace((qs ? `${pathname}?${qs}` : pathname) as Route, { scroll: false }));
    },
    [router, pathname, searchParams],
  );

  return { update, isPending };
}
