"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/core/cn";
import type { Route } from "next";

export type AppTab = { section: string; title: string; href: Route };

/**
 * The per-application tabs the actor holds (filtered on the server). They wrap onto another row
 * when the content area is too narrow for all of them, so every tab stays visible and reachable
 * at any width (a scrolling strip hid the last ones behind the edge with no sign that it scrolls).
 */
export function AppTabs({ tabs }: { tabs: AppTab[] }) {
  const pathname = usePathname();
  const active = tabs.reduce<AppTab | null>((best, t) => {
    const hit = pathname === t.href || pathname.startsWith(`${t.href}/`);
    return hit && (!best || t.href.length > best.href.length) ? t : best;
  }, null);
  return (
    <nav aria-label="Application sections" className="-mb-px flex flex-wrap gap-x-1">
      {tabs.map((t) => (
        <Link
          key={t.section}
          href={t.href}
          data-section={t.section}
          aria-current={active === t ? "page" : undefined}
          className={cn(
            "whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium",
            active === t ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-800",
          )}
        >
          {t.title}
        </Link>
      ))}
    </nav>
  );
}
