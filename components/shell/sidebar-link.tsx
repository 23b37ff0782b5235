"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/core/cn";
import type { Route } from "next";

const covers = (href: string, pathname: string) => pathname === href || pathname.startsWith(`${href}/`);

/** The sidebar href of the current page: the longest one covering the path. */
export function activeHref(hrefs: readonly string[], pathname: string): string | undefined {
  return hrefs.filter((h) => covers(h, pathname)).sort((a, b) => b.length - a.length)[0];
}

/**
 * Highlighted when its href is the longest sidebar href covering the current path. A section's
 * link carries data-section; an owner-only page of ours (not a section) data-owner-page instead.
 */
export function SidebarLink({
  href,
  section,
  ownerPage,
  siblings,
  children,
}: {
  href: Route;
  section?: string;
  ownerPage?: string;
  siblings: readonly string[];
  children: React.ReactNode;
}) {
  const pathname = usePathname();
  const active = activeHref(siblings, pathname) === href;
  return (
    <Link
      href={href}
      data-section={section}
      data-owner-page={ownerPage}
      aria-current={active ? "page" : undefined}
      className={cn(
        "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm",
        active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
      )}
    >
      {children}
    </Link>
  );
}
