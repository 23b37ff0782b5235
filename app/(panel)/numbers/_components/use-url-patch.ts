"use client";
import { useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { Route } from "next";

/**
 * The numbers pages' filters beside the data-table kit's list state: `set({ key: value })` writes
 * them into the URL with router.replace ("" removes one) and goes back to the first page (unless
 * `keepPage`: a dialog's own search that leaves the list behind it where it is), so the
 * server component renders the new list and the URL can be shared.
 */
export function useUrlPatch() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const set = (patch: Record<string, string>, opts: { keepPage?: boolean } = {}) => {
    const next = new URLSearchParams(searchParams.toString());
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!opts.keepPage) next.delete("page");
    const qs = next.toString();
    startTransition(() => router.replace((qs ? `${pathname}?${qs}` : pathname) as Route, { scroll: false }));
  };
  return { set, pending };
}
