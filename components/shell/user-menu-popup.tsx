"use client";
import { useState } from "react";
import Link from "next/link";
import { DropdownMenu as M } from "radix-ui";
import { Check, LogOut, User, Wallet } from "lucide-react";
import { useFirstOpenFocus } from "@/components/ui/load-on-press";
import { chooseTheme, currentTheme, THEMES, type Theme } from "@/components/ui/theme";
import { USER_MENU_TRIGGER_CLASS, UserMenuFace, type UserMenuProps } from "./user-menu-face";

/**
 * The user menu itself (Radix DropdownMenu), loaded by components/shell/user-menu.tsx on the
 * first press of its button and mounted open: who is signed in, the way to Profile (for principals
 * holding it), the balance on narrow screens (for principals holding Billing), the theme (the
 * system's, light or dark: components/ui/theme.ts; shown at once, kept in this browser), and Log out.
 * Logging out submits the form the top bar renders (id `logoutForm`), so it stays a POST of the
 * logout action.
 */
const THEME_LABELS: Record<Theme, string> = { system: "Same as the system", light: "Light", dark: "Dark" };

export default function UserMenuPopup({ who, detail, profileHref, balance, logoutForm }: UserMenuProps) {
  const [theme, setTheme] = useState<Theme>(currentTheme);
  const focusFirst = useFirstOpenFocus();
  const item = "flex cursor-pointer select-none items-center gap-2 rounded px-2 py-2 text-sm text-slate-800 outline-none data-[highlighted]:bg-slate-100";
  return (
    <M.Root defaultOpen>
      <M.Trigger aria-label={`Account menu: ${who}`} className={USER_MENU_TRIGGER_CLASS}>
        <UserMenuFace who={who} />
      </M.Trigger>
      <M.Portal>
        <M.Content align="end" sideOffset={6} onFocus={focusFirst} className="z-50 w-64 rounded-md bg-white p-1 shadow-lg ring-1 ring-slate-200">
          <div className="px-2 py-2">
            <p className="truncate text-sm font-medium text-slate-900">{who}</p>
            <p className="truncate text-xs text-slate-600">{detail}</p>
          </div>
          <M.Separator className="my-1 h-px bg-slate-200" />
          {balance ? (
            <M.Item asChild className={`${item} sm:hidden`}>
              <Link href={balance.href}>
                <Wallet className="size-4 text-slate-600" aria-hidden />
                Balance {balance.text}
              </Link>
            </M.Item>
          ) : null}
          {profileHref ? (
            <M.Item asChild className={item}>
              <Link href={profileHref}>
                <User className="size-4 text-slate-600" aria-hidden />
                Profile
              </Link>
            </M.Item>
          ) : null}
          <M.Separator className="my-1 h-px bg-slate-200" />
          <M.Label id="theme-menu-label" className="px-2 pb-1 pt-2 text-xs font-medium text-slate-600">
            Theme
          </M.Label>
          <M.RadioGroup
            aria-labelledby="theme-menu-label"
            value={theme}
            onValueChange={(v) => {
              chooseTheme(v as Theme);
              setTheme(v as Theme);
            }}
          >
            {THEMES.map((t) => (
              <M.RadioItem key={t} value={t} className={item} data-theme-choice={t} onSelect={(e) => e.preventDefault()}>
                <span className="flex size-4 items-center justify-center" aria-hidden>
                  <M.ItemIndicator>
                    <Check className="size-4 text-brand-700" />
                  </M.ItemIndicator>
                </span>
                {THEME_LABELS[t]}
              </M.RadioItem>
            ))}
          </M.RadioGroup>
          <M.Separator className="my-1 h-px bg-slate-200" />
          {/* The item closes the menu as it is chosen, so it submits the form itself rather than being its button. */}
          <M.Item className={item} onSelect={() => (document.getElementById(logoutForm) as HTMLFormElement | null)?.requestSubmit()}>
            <LogOut className="size-4 text-slate-600" aria-hidden />
            Log out
          </M.Item>
        </M.Content>
      </M.Portal>
    </M.Root>
  );
}
