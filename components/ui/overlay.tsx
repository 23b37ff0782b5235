"use client";
import { Dialog as D } from "radix-ui";
import { cn } from "@/lib/core/cn";

/**
 * The backdrop behind every modal (components/ui/dialog.tsx's dialogs, the phone's sidebar
 * drawer): the page dimmed and lightly blurred, so what is behind reads as out of play. Its
 * colour is the theme's `--color-backdrop` (app/globals.css): half-strength black hardly dims a
 * page that is already dark, so the dark theme's is stronger.
 */
export function Overlay({ className }: { className?: string }) {
  return <D.Overlay data-overlay="" className={cn("fixed inset-0 z-40 bg-backdrop backdrop-blur-xs", className)} />;
}
