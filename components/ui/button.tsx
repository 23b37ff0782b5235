import { forwardRef } from "react";
import { cn } from "@/lib/core/cn";

type Variant = "primary" | "secondary" | "danger" | "ghost";

// Hover lightens the background only: fading the whole button (opacity) took the white text down
// with it, to 4.2:1 on a hovered primary button (axe's color-contrast; WCAG asks 4.5:1).
const VARIANTS: Record<Variant, string> = {
  primary: "bg-brand-600 text-on-accent hover:bg-brand-600/90 disabled:opacity-60",
  secondary: "bg-white text-slate-800 ring-1 ring-slate-400 hover:bg-slate-50 disabled:text-slate-600 disabled:opacity-70",
  danger: "bg-red-600 text-on-accent hover:bg-red-600/90 disabled:opacity-60",
  ghost: "text-slate-700 hover:bg-slate-100",
};

/** The classes of a button of `variant` and `size`, for a link that looks like one (a download, a page). */
export function buttonClasses(variant: Variant = "primary", size: "sm" | "md" = "md"): string {
  return cn(
    "inline-flex items-center justify-center gap-2 rounded-md font-medium transition-colors disabled:cursor-not-allowed",
    size === "sm" ? "h-8 px-3 text-sm" : "h-10 px-4 text-sm",
    VARIANTS[variant],
  );
}

export type ButtonProps = React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; size?: "sm" | "md" };

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = "primary", size = "md", className, type = "button", ...props },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      className={cn(buttonClasses(variant, size), className)}
      {...props}
    />
  );
});
