import Link from "next/link";
import type { Route } from "next";
import { Bell, Wallet } from "lucide-react";
import { MobileNav } from "./mobile-nav";
import { UserMenu } from "./user-menu";

export type TopBarProps = {
  home: Route;
  accountName: string;
  who: string;
  detail: string;
  /** Only for principals holding Billing (docs/SECURITY.md "What shared chrome may show"). */
  balance: { text: string; href: Route } | null;
  /** Only for principals holding the Notifications section. */
  notifications: { unread: number; href: Route } | null;
  profileHref: Route | null;
  /** The server action that logs out (a <form action>). */
  logout: (form: FormData) => void | Promise<void>;
  /** The sidebar, for the drawer below 1024 px. */
  sidebar: React.ReactNode;
};

/** The panel's top bar: menu button (narrow screens), the product and account, balance, notifications, the user menu. */
export function TopBar({ home, accountName, who, detail, balance, notifications, profileHref, logout, sidebar }: TopBarProps) {
  return (
    <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-slate-200 bg-white px-3 sm:px-4">
      <MobileNav>{sidebar}</MobileNav>
      <Link href={home} className="flex shrink-0 items-center gap-2 text-base font-semibold tracking-tight text-brand-700">
        {/* eslint-disable-next-line @next/next/no-img-element -- a static SVG from public/, no optimisation to do */}
        <img src="/logo.svg" alt="" width={24} height={24} />
        <span className="hidden sm:inline">Switchboard</span>
      </Link>
      <span aria-hidden className="hidden text-slate-600 sm:inline">
        /
      </span>
      <span className="min-w-0 truncate text-sm font-medium text-slate-800" data-testid="account-name" title={`Account ${accountName}`}>
        <span className="sr-only">Account </span>
        {accountName}
      </span>
      <div className="ml-auto flex shrink-0 items-center gap-1">
        {balance ? (
          <Link
            href={balance.href}
            className="hidden items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100 sm:flex"
            data-testid="topbar-balance"
          >
            <Wallet className="size-4 text-slate-600" aria-hidden />
            <span className="sr-only">Balance</span>
            <span className="font-medium tabular-nums">{balance.text}</span>
          </Link>
        ) : null}
        {notifications ? (
          <Link
            href={notifications.href}
            aria-label={notifications.unread ? `Notifications, ${notifications.unread} unread` : "Notifications"}
            className="relative rounded-md p-2 text-slate-700 hover:bg-slate-100"
            data-testid="topbar-notifications"
          >
            <Bell className="size-5" aria-hidden />
            {notifications.unread ? (
              <span className="absolute right-1 top-1 grid min-w-4 place-items-center rounded-full bg-red-600 px-1 text-[10px] font-semibold leading-4 text-on-accent">
                {notifications.unread > 99 ? "99+" : notifications.unread}
              </span>
            ) : null}
          </Link>
        ) : null}
        <UserMenu who={who} detail={detail} profileHref={profileHref} balance={balance} logoutForm="logout-form" />
        <form id="logout-form" action={logout} hidden />
      </div>
    </header>
  );
}
