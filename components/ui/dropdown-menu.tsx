"use client";
import { lazy, useContext } from "react";
import { MoreHorizontal } from "lucide-react";
import { LoadOnPress } from "./load-on-press";
import { MenuItemContext, ROW_MENU_TRIGGER_CLASS, type MenuItemProps } from "./row-menu-item";

const loadMenu = () => import("./row-menu-popup");
const RowMenuPopup = lazy(loadMenu);

/**
 * The three-dots row menu. `label` is the button's accessible name ("Actions for alice").
 *
 * Every row of a list shows its button, few visits open one: the menu (Radix DropdownMenu and its
 * positioning, about 15 kB gzipped) loads on the first press of a row's button (fetched already
 * when the pointer or focus reaches it) and mounts open; from then on it is that menu's own
 * button (issue 11: first-load JavaScript per route; components/ui/load-on-press.tsx).
 */
export function RowMenu({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <LoadOnPress
      load={loadMenu}
      opens="menu"
      button={(press) => (
        <button type="button" aria-label={label} aria-haspopup="menu" aria-expanded={false} className={ROW_MENU_TRIGGER_CLASS} {...press}>
          <MoreHorizontal className="size-4" aria-hidden />
        </button>
      )}
    >
      <RowMenuPopup label={label}>{children}</RowMenuPopup>
    </LoadOnPress>
  );
}

/**
 * An item of a row menu. `onSelect` runs once the menu has closed and handed focus back (so a
 * dialog it opens never fights the menu over focus), and receives the menu's trigger: the control
 * a dialog opened from here returns focus to.
 */
export function MenuItem(props: MenuItemProps) {
  const render = useContext(MenuItemContext);
  return render ? render(props) : null;
}
