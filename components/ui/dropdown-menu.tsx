"use client";
import { createContext, useContext, useRef } from "react";
import { DropdownMenu as M } from "radix-ui";
import { MoreHorizontal } from "lucide-react";
import { cn } from "@/lib/core/cn";

const TriggerContext = createContext<React.RefObject<HTMLButtonElement | null> | null>(null);

/** The three-dots row menu. `label` is the button's accessible name ("Actions for alice"). */
export function RowMenu({ label, children }: { label: string; children: React.ReactNode }) {
  const trigger = useRef<HTMLButtonElement>(null);
  return (
    <M.Root>
      <M.Trigger
        ref={trigger}
        aria-label={label}
        className="rounded p-1.5 text-slate-600 hover:bg-slate-100 data-[state=open]:bg-slate-100"
      >
        <MoreHorizontal className="size-4" aria-hidden />
      </M.Trigger>
      <M.Portal>
        <M.Content align="end" sideOffset={4} className="z-50 min-w-44 rounded-md bg-white p-1 shadow-lg ring-1 ring-slate-200">
          <TriggerContext.Provider value={trigger}>{children}</TriggerContext.Provider>
        </M.Content>
      </M.Portal>
    </M.Root>
  );
}

/**
 * An item of a row menu. `onSelect` runs once the menu has closed and handed focus back (so a
 * dialog it opens never fights the menu over focus), and receives the menu's trigger: the control
 * a dialog opened from here returns focus to.
 */
export function MenuItem({
  onSelect,
  danger,
  children,
  ...rest
}: { onSelect: (opener: HTMLElement | null) => void; danger?: boolean; children: React.ReactNode } & Record<`data-${string}`, string>) {
  const trigger = useContext(TriggerContext);
  return (
    <M.Item
      onSelect={() => {
        const opener = trigger?.current ?? null;
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
}
