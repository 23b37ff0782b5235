"use client";
import { useRef } from "react";
import { DropdownMenu as M } from "radix-ui";
import { MoreHorizontal } from "lucide-react";
import { cn } from "@/lib/core/cn";
import { useFirstOpenFocus } from "./load-on-press";
import { MenuItemContext, ROW_MENU_TRIGGER_CLASS, type MenuItemProps } from "./row-menu-item";

/**
 * A row menu itself (Radix DropdownMenu), loaded by RowMenu (components/ui/dropdown-menu.tsx) on
 * the first press of its button and mounted open. Its items are the page's MenuItems, which it
 * renders as Radix items through MenuItemContext (row-menu-item.ts).
 */
export default function RowMenuPopup({ label, children }: { label: string; children: React.ReactNode }) {
  const trigger = useRef<HTMLButtonElement>(null);
  const focusFirst = useFirstOpenFocus();
  const renderItem = ({ onSelect, danger, children, ...rest }: MenuItemProps) => (
    <M.Item
      onSelect={() => {
        const opener = trigger.current;
        setTimeout(() => onSelect(opener), 0);
      }}
      className={cn(
        "flex cursor-pointer select-none items-center rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100",
        danger ? "text-red-700" : "text-slate-800",
      )}
      {...rest}
    >
      {children}
    </M.Item>
  );
  return (
    <M.Root defaultOpen>
      <M.Trigger ref={trigger} aria-label={label} className={ROW_MENU_TRIGGER_CLASS}>
        <MoreHorizontal className="size-4" aria-hidden />
      </M.Trigger>
      <M.Portal>
        <M.Content align="end" sideOffset={4} onFocus={focusFirst} className="z-50 min-w-44 rounded-md bg-white p-1 shadow-lg ring-1 ring-slate-200">
          <MenuItemContext.Provider value={renderItem}>{children}</MenuItemContext.Provider>
        </M.Content>
      </M.Portal>
    </M.Root>
  );
}
