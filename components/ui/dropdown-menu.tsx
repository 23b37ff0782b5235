"use client";
import { DropdownMenu as M } from "radix-ui";
import { MoreHorizontal } from "lucide-react";
import { cn } from "@/lib/core/cn";

/** The three-dots row menu. `label` is the button's accessible name ("Actions for alice"). */
export function RowMenu({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <M.Root>
      <M.Trigger aria-label={label} className="rounded p-1.5 text-slate-500 hover:bg-slate-100 data-[state=open]:bg-slate-100">
        <MoreHorizontal className="size-4" />
      </M.Trigger>
      <M.Portal>
        <M.Content align="end" sideOffset={4} className="z-50 min-w-44 rounded-md bg-white p-1 shadow-lg ring-1 ring-slate-200">
          {children}
        </M.Content>
      </M.Portal>
    </M.Root>
  );
}

export function MenuItem({
  onSelect,
  danger,
  children,
  ...rest
}: { onSelect: () => void; danger?: boolean; children: React.ReactNode } & Record<`data-${string}`, string>) {
  return (
    <M.Item
      onSelect={onSelect}
      className={cn(
        "flex cursor-pointer select-none items-center rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100",
        danger ? "text-red-600" : "text-slate-800",
      )}
      {...rest}
    >
      {children}
    </M.Item>
  );
}
