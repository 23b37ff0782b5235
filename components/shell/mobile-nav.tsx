"use client";
import { lazy } from "react";
import { Menu } from "lucide-react";
import { LoadOnPress } from "@/components/ui/load-on-press";
import { MENU_BUTTON } from "./mobile-nav-button";

const loadDrawer = () => import("./mobile-nav-drawer");
const MobileNavDrawer = lazy(loadDrawer);

/**
 * Below 1024 px the sidebar is a drawer behind the top bar's menu button. The drawer (Radix
 * Dialog and its focus trap, about 8 kB gzipped) loads on the first press of the button (fetched
 * already when the pointer or focus reaches it) and mounts open; from then on it is the drawer's
 * own button (issue 11: first-load JavaScript per route; components/ui/load-on-press.tsx).
 */
export function MobileNav({ children }: { children: React.ReactNode }) {
  return (
    <LoadOnPress
      load={loadDrawer}
      opens="dialog"
      button={(press) => (
        <button type="button" aria-haspopup="dialog" aria-expanded={false} {...MENU_BUTTON} {...press}>
          <Menu className="size-5" aria-hidden />
        </button>
      )}
    >
      <MobileNavDrawer>{children}</MobileNavDrawer>
    </LoadOnPress>
  );
}
