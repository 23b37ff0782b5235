"use client";
import { useState } from "react";
import { usePathname } from "next/navigation";
import { Dialog as D } from "radix-ui";
import { Menu, X } from "lucide-react";
import { Overlay } from "@/components/ui/overlay";
import { MENU_BUTTON } from "./mobile-nav-button";
import { focusPageRegion } from "./route-focus";

/**
 * Below 1024 px the sidebar is a drawer (Radix Dialog): loaded by components/shell/mobile-nav.tsx
 * on the first press of the top bar's menu button and mounted open over the page (focus trapped,
 * Escape or a click outside closes it); following a link closes it and puts focus on the new
 * page (as RouteFocus does for the sidebar), not back on the menu button.
 */
export default function MobileNavDrawer({ children }: { children: React.ReactNode }) {
  // Open on the page it was opened on: navigating anywhere closes it.
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(pathname);
  return (
    <D.Root open={openOn === pathname} onOpenChange={(o) => setOpenOn(o ? pathname : null)}>
      <D.Trigger {...MENU_BUTTON}>
        <Menu className="size-5" aria-hidden />
      </D.Trigger>
      <D.Portal>
        <Overlay className="lg:hidden" />
        <D.Content
          className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col bg-white shadow-xl ring-1 ring-slate-200 lg:hidden"
          data-testid="drawer"
          aria-describedby={undefined}
          onCloseAutoFocus={(e) => {
            // Still open on the page it was opened on, but that page is gone: closed by a navigation.
            if (openOn === null || openOn === pathname) return;
            e.preventDefault();
            focusPageRegion();
          }}
        >
          <div className="flex h-14 shrink-0 items-center justify-between border-b border-slate-200 px-4">
            <D.Title className="text-base font-semibold text-slate-900">Menu</D.Title>
            <D.Close aria-label="Close the menu" className="rounded-md p-2 text-slate-700 hover:bg-slate-100">
              <X className="size-5" aria-hidden />
            </D.Close>
          </div>
          <div className="min-h-0 flex-1">{children}</div>
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}
