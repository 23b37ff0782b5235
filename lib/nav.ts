// The sidebar and the application tabs as data, and each page section's one everyday name. The
// sidebar, the page's heading, the browser tab's title, the breadcrumb and the 403 page all say
// what sectionTitle says (the seed's table names sections for a role matrix: "Getting the list
// of purchased numbers" is "My numbers" to a person). Filtered on the server with can(); the
// client never derives anything from roles. Icons are lucide names resolved in components/shell.
import type { Route } from "next";
import { section, type SectionId } from "@/lib/access/matrix";
import { OWNER_PAGES, type OwnerPage } from "@/lib/access/account-owner";
import { applicationSectionHref, applicationSegment, routes, sectionHref } from "@/lib/routes";

export type NavItem = { section: SectionId; title: string; href: Route; icon: string };
export type NavGroup = { title: string; items: NavItem[] };

type NavEntry = Omit<NavItem, "href">;

/** Every page section with a fixed route (docs/PRODUCT.md section 9), grouped as in the panel; hrefs come from role-matrix.json. */
const GROUPS: { title: string; items: NavEntry[] }[] = [
  {
    title: "Account",
    items: [
      { section: "control_panel", title: "Dashboard", icon: "layout-dashboard" },
      { section: "onboarding", title: "Onboarding", icon: "rocket" },
      { section: "notification_history", title: "Notifications", icon: "bell" },
      { section: "profile", title: "Profile", icon: "user" },
    ],
  },
  {
    title: "Applications",
    items: [{ section: "applications", title: "Applications", icon: "boxes" }],
  },
  {
    title: "Calls",
    items: [
      { section: "calls", title: "All calls", icon: "phone-call" },
      { section: "calls.active_sessions", title: "Active sessions", icon: "activity" },
      { section: "logs", title: "Logs", icon: "scroll-text" },
    ],
  },
  {
    title: "Numbers",
    items: [
      { section: "numbers.list", title: "My numbers", icon: "hash" },
      { section: "numbers.available", title: "Buy numbers", icon: "shopping-cart" },
      { section: "numbers.reserved", title: "Reserved numbers", icon: "bookmark" },
      { section: "numbers.blocked", title: "Blocked numbers", icon: "ban" },
    ],
  },
  {
    title: "SMS",
    items: [
      { section: "sms.one_way", title: "One-way SMS", icon: "message-square" },
      { section: "sms.one_way_history", title: "One-way SMS history", icon: "history" },
      { section: "sms.two_way", title: "Two-way SMS", icon: "messages-square" },
      { section: "sms.two_way_history", title: "Two-way SMS history", icon: "history" },
    ],
  },
  {
    title: "Billing",
    items: [{ section: "billing", title: "Billing", icon: "wallet" }],
  },
  {
    title: "Settings",
    items: [
      { section: "subusers", title: "Subusers", icon: "users" },
      { section: "service_accounts", title: "Service accounts", icon: "key-round" },
      { section: "api_keys", title: "API keys", icon: "key" },
      { section: "security", title: "Security", icon: "shield" },
      { section: "webhooks", title: "Webhooks", icon: "webhook" },
      { section: "caller_ids", title: "Caller IDs", icon: "phone-outgoing" },
      { section: "notification_settings", title: "Notification settings", icon: "bell-ring" },
      { section: "sip_registrations", title: "SIP registrations", icon: "server" },
    ],
  },
  {
    title: "Help",
    items: [
      { section: "support", title: "Support", icon: "life-buoy" },
      { section: "support.tickets", title: "Support tickets", icon: "ticket" },
      { section: "marketplace", title: "Marketplace", icon: "store" },
    ],
  },
];

export const NAV: NavGroup[] = GROUPS.map((g) => ({ title: g.title, items: g.items.map((i) => ({ ...i, href: sectionHref(i.section) })) }));

/**
 * Sidebar entries for the owner-only pages of ours that are not matrix sections, shown to the
 * account owner's own login only (lib/access/account-owner.ts), after the sections of `group`.
 * They carry data-owner-page, never data-section: the sidebar's data-section set stays exactly
 * the principal's fixed-route page sections (e2e/matrix.spec.ts).
 */
export type OwnerNavItem = { page: OwnerPage; group: string; title: string; href: Route; icon: string };

export const OWNER_NAV: OwnerNavItem[] = [
  { page: "child_accounts", group: "Settings", title: OWNER_PAGES.child_accounts.title, href: routes.childAccounts, icon: "network" },
];

/**
 * The per-application sections, as tabs on /applications/[appId]. `title` is the tab (and the
 * page's heading, under the application's name); `longTitle` names it where no application is
 * in sight (a 403 page, a notification).
 */
const TABS: { section: SectionId; title: string; longTitle: string }[] = [
  { section: "application", title: "Overview", longTitle: "Application overview" },
  { section: "application.users", title: "Users", longTitle: "Application users" },
  { section: "application.scenarios", title: "Scenarios", longTitle: "Application scenarios" },
  { section: "application.rules", title: "Rules", longTitle: "Application rules" },
  { section: "application.call_history", title: "Call history", longTitle: "Application call history" },
  { section: "application.phone_numbers", title: "Numbers", longTitle: "Application numbers" },
  { section: "application.queues", title: "Queues", longTitle: "Application queues" },
  { section: "application.call_lists", title: "Call lists", longTitle: "Application call lists" },
  { section: "application.sip_registrations", title: "SIP registrations", longTitle: "Application SIP registrations" },
  { section: "application.push_certificates", title: "Push certificates", longTitle: "Application push certificates" },
  { section: "application.dialogflow_agents", title: "Dialogflow agents", longTitle: "Application Dialogflow agents" },
  { section: "application.kvs", title: "Key-value storage", longTitle: "Application key-value storage" },
];

/** The per-application sections as tabs on /applications/[appId]; segments come from role-matrix.json. */
export const APP_TABS: { section: SectionId; title: string; longTitle: string; segment: string }[] = TABS.map((t) => ({
  ...t,
  segment: applicationSegment(t.section),
}));

/** Pages reached from a list rather than the sidebar or the tabs. */
const OTHER_PAGES: Partial<Record<SectionId, { title: string; group: string }>> = {
  "numbers.parameters": { title: "Number settings", group: "Numbers" },
};

const NAV_ITEMS = new Map(NAV.flatMap((g) => g.items.map((i) => [i.section, { title: i.title, group: g.title }] as const)));
const TAB_ITEMS = new Map(APP_TABS.map((t) => [t.section, t] as const));

/** The browser tab's title of a 404 page (app/not-found.tsx), and of a record page whose record is missing. */
export const NOT_FOUND_TITLE = "Not found";

/**
 * A section's everyday name: its sidebar entry, its tab's long title, or the name given above;
 * action sections (buttons inside a page) keep the matrix's wording.
 */
export function sectionTitle(id: SectionId): string {
  return NAV_ITEMS.get(id)?.title ?? TAB_ITEMS.get(id)?.longTitle ?? OTHER_PAGES[id]?.title ?? section(id).title;
}

/** The sidebar group a page section sits in ("Settings"), or null when its one item is the group itself. */
export function sectionGroup(id: SectionId): string | null {
  const item = NAV_ITEMS.get(id) ?? OTHER_PAGES[id];
  if (!item) return null;
  return item.group === item.title ? null : item.group;
}

/** A tab's href for one application. */
export function appTabHref(appId: number, section: SectionId): Route {
  return applicationSectionHref(section, appId);
}
