"use client";
import { lazy, Suspense, useState } from "react";
import { USER_MENU_TRIGGER_CLASS, UserMenuFace, type UserMenuProps } from "./user-menu-face";

const loadPopup = () => import("./user-menu-popup");
const UserMenuPopup = lazy(loadPopup);

/**
 * The top bar's user menu. Every page shows its button, few pages open it: the menu (Radix
 * DropdownMenu and its positioning, about 15 kB gzipped) loads on the first press of the button
 * (fetched already when the pointer or focus reaches it) and mounts open; from then on it is the
 * menu's own button (issue 11: first-load JavaScript per route).
 */
export function UserMenu(props: UserMenuProps) {
  const [pressed, setPressed] = useState(false);
  const button = (open?: () => void) => (
    <button
      type="button"
      aria-label={`Account menu: ${props.who}`}
      aria-haspopup="menu"
      aria-expanded={false}
      className={USER_MENU_TRIGGER_CLASS}
      onPointerEnter={() => void loadPopup()}
      onFocus={() => void loadPopup()}
      // As the menu's own button does: the left button's press (not a Ctrl-click), Enter, Space, ArrowDown.
      onPointerDown={(e) => {
        if (open && e.button === 0 && !e.ctrlKey) {
          e.preventDefault();
          open();
        }
      }}
      onKeyDown={(e) => {
        if (open && (e.key === "Enter" || e.key === " " || e.key === "ArrowDown")) {
          e.preventDefault();
          open();
        }
      }}
    >
      <UserMenuFace who={props.who} />
    </button>
  );
  if (!pressed) return button(() => setPressed(true));
  return (
    <Suspense fallback={button()}>
      <UserMenuPopup {...props} />
    </Suspense>
  );
}
