"use client";
import { lazy, Suspense, useState } from "react";
import { Menu } from "lucide-react";
import { MENU_BUTTON } from "./mobile-nav-button";

const loadDrawer = () => import("./mobile-nav-drawer");
const MobileNavDrawer = lazy(loadDrawer);

/**
 * Below 1024 px the sidebar is a drawer behind the top bar's menu button. The drawer (Radix
 * Dialog and its focus trap, about 8 kB gzipped) loads on the first press of the button (fetched
 * already when the pointer or focus reaches it) and mounts open; from then on it is the drawer's
 * own button (issue 11: first-load JavaScript per route).
 */
export function MobileNav({ children }: { children: React.ReactNode }) {
  const [pressed, setPressed] = useState(false);
  const button = (open?: () => void) => (
    <button type="button" aria-haspopup="dialog" aria-expanded={false} {...MENU_BUTTON} onPointerEnter={() => void loadDrawer()} onFocus={() => void loadDrawer()} onClick={open}>
      <Menu className="size-5" aria-hidden />
    </button>
  );
  if (!pressed) return button(() => setPressed(true));
  return (
    <Suspense fallback={button()}>
      <MobileNavDrawer>{children}</MobileNavDrawer>
    </Suspense>
  );
}
