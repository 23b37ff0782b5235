// What the top bar's user menu button is and shows, shared by the button that loads the menu
// (user-menu.tsx) and the menu's own button (user-menu-popup.tsx).
import type { Route } from "next";
import { ChevronDown, User } from "lucide-react";

export type UserMenuProps = {
  /** "demo (owner)" or "alice @ demo". */
  who: string;
  /** A second line in the menu ("Account owner", "Subuser with Admin, Payer"). */
  detail: string;
  profileHref: Route | null;
  balance: { text: string; href: Route } | null;
  logoutForm: string;
};

export const USER_MENU_TRIGGER_CLASS =
  "flex min-w-0 items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-slate-800 hover:bg-slate-100 data-[state=open]:bg-slate-100";

/** What the menu's button shows: an avatar, who is signed in (wide screens), a chevron. */
export function UserMenuFace({ who }: { who: string }) {
  return (
    <>
      <span className="grid size-7 shrink-0 place-items-center rounded-full bg-brand-50 text-brand-700">
        <User className="size-4" aria-hidden />
      </span>
      <span className="hidden max-w-48 truncate font-medium sm:inline" data-testid="whoami">
        {who}
      </span>
      <ChevronDown className="hidden size-4 shrink-0 text-slate-600 sm:block" aria-hidden />
    </>
  );
}
