"use client";
// What a row menu's eager button (dropdown-menu.tsx) and its lazily loaded menu
// (row-menu-popup.tsx) share, in a module of its own so neither imports the other back.
import { createContext } from "react";

export const ROW_MENU_TRIGGER_CLASS = "rounded p-1.5 text-slate-600 hover:bg-slate-100 data-[state=open]:bg-slate-100";

export type MenuItemProps = {
  onSelect: (opener: HTMLElement | null) => void;
  danger?: boolean;
  children: React.ReactNode;
} & Record<`data-${string}`, string>;

/** How the open menu (row-menu-popup.tsx) renders an item (Radix's), given to its MenuItems. */
export const MenuItemContext = createContext<((props: MenuItemProps) => React.ReactNode) | null>(null);
