"use client";
import { lazy } from "react";
import { LoadOnPress } from "@/components/ui/load-on-press";
import { USER_MENU_TRIGGER_CLASS, UserMenuFace, type UserMenuProps } from "./user-menu-face";

const loadPopup = () => import("./user-menu-popup");
const UserMenuPopup = lazy(loadPopup);

/**
 * The top bar's user menu. Every page shows its button, few pages open it: the menu (Radix
 * DropdownMenu and its positioning, about 15 kB gzipped) loads on the first press of the button
 * (fetched already when the pointer or focus reaches it) and mounts open; from then on it is the
 * menu's own button (issue 11: first-load JavaScript per route; components/ui/load-on-press.tsx).
 */
export function UserMenu(props: UserMenuProps) {
  return (
    <LoadOnPress
      load={loadPopup}
      opens="menu"
      button={(press) => (
        <button type="button" aria-label={`Account menu: ${props.who}`} aria-haspopup="menu" aria-expanded={false} className={USER_MENU_TRIGGER_CLASS} {...press}>
          <UserMenuFace who={props.who} />
        </button>
      )}
    >
      <UserMenuPopup {...props} />
    </LoadOnPress>
  );
}
