// The sidebar and the application tabs as data. Filtered on the server with can(); the client
// never derives anything from roles. Icons are lucide names resolved in components/shell.
import type { SectionId } from "@/lib/access/matrix";

export type NavItem = { section: SectionId; title: string; href: string; icon: string };
export type NavGroup = { title: string; items: NavItem[] };

/** Every page section with a fixed route (PRODUCT.md section 9), grouped as in the panel. */
export const NAV: NavGroup[] = [
  {
    title: "Account",
    items: [
      { section: "control_panel", title: "Dashboard", href: "/dashboard", icon: "layout-dashboard" },
      { section: "onboarding", title: "Onboarding", href: "/onboarding", icon: "rocket" },
      { section: "notification_history", title: "Notifications", href: "/notifications", icon: "bell" },
      { section: "profile", title: "Profile", href: "/profile", icon: "user" },
    ],
  },
  {
    title: "Applications",
    items: [{ section: "applications", title: "Applications", href: "/applications", icon: "boxes" }],
  },
  {
    title: "Calls",
    items: [
      { section: "calls", title: "All calls", href: "/calls", icon: "phone-call" },
      { section: "calls.active_sessions", title: "Active sessions", href: "/calls/active", icon: "activity" },
      { section: "logs", title: "Logs", href: "/logs", icon: "scroll-text" },
    ],
  },
  {
    title: "Numbers",
    items: [
      { section: "numbers.list", title: "My numbers", href: "/numbers", icon: "hash" },
      { section: "numbers.available", title: "Buy numbers", href: "/numbers/buy", icon: "shopping-cart" },
      { section: "numbers.reserved", title: "Reserved numbers", href: "/numbers/reserved", icon: "bookmark" },
      { section: "numbers.blocked", title: "Blocked numbers", href: "/numbers/blocked", icon: "ban" },
    ],
  },
  {
    title: "SMS",
    items: [
      { section: "sms.one_way", title: "One-way SMS", href: "/sms/one-way", icon: "message-square" },
      { section: "sms.one_way_history", title: "One-way history", href: "/sms/one-way/history", icon: "history" },
      { section: "sms.two_way", title: "Two-way SMS", href: "/sms/two-way", icon: "messages-square" },
      { section: "sms.two_way_history", title: "Two-way history", href: "/sms/two-way/history", icon: "history" },
    ],
  },
  {
    title: "Billing",
    items: [{ section: "billing", title: "Billing", href: "/billing", icon: "wallet" }],
  },
  {
    title: "Settings",
    items: [
      { section: "subusers", title: "Subusers", href: "/settings/subusers", icon: "users" },
      { section: "service_accounts", title: "Service accounts", href: "/settings/service-accounts", icon: "key-round" },
      { section: "api_keys", title: "API keys", href: "/settings/api-keys", icon: "key" },
      { section: "security", title: "Security", href: "/settings/security", icon: "shield" },
      { section: "webhooks", title: "Webhooks", href: "/settings/webhooks", icon: "webhook" },
      { section: "caller_ids", title: "Caller IDs", href: "/settings/caller-ids", icon: "phone-outgoing" },
      { section: "notification_settings", title: "Notification settings", href: "/settings/notifications", icon: "bell-ring" },
      { section: "sip_registrations", title: "SIP registrations", href: "/settings/sip-registrations", icon: "server" },
    ],
  },
  {
    title: "Help",
    items: [
      { section: "support", title: "Support", href: "/support", icon: "life-buoy" },
      { section: "support.tickets", title: "Support tickets", href: "/support/tickets", icon: "ticket" },
      { section: "marketplace", title: "Marketplace", href: "/marketplace", icon: "store" },
    ],
  },
];

/** The per-application sections, as tabs on /applications/[appId]. */
export const APP_TABS: { section: SectionId; title: string; segment: string }[] = [
  { section: "application", title: "Overview", segment: "" },
  { section: "application.users", title: "Users", segment: "users" },
  { section: "application.scenarios", title: "Scenarios", segment: "scenarios" },
  { section: "application.rules", title: "Rules", segment: "rules" },
  { section: "application.call_history", title: "Call history", segment: "call-history" },
  { section: "application.phone_numbers", title: "Numbers", segment: "numbers" },
  { section: "application.queues", title: "Queues", segment: "queues" },
  { section: "application.call_lists", title: "Call lists", segment: "call-lists" },
  { section: "application.sip_registrations", title: "SIP registrations", segment: "sip-registrations" },
  { section: "application.push_certificates", title: "Push certificates", segment: "push-certificates" },
  { section: "application.dialogflow_agents", title: "Dialogflow agents", segment: "dialogflow" },
  { section: "application.kvs", title: "Key-value storage", segment: "kvs" },
];

export function appTabHref(appId: number, segment: string): string {
  return segment ? `/applications/${appId}/${segment}` : `/applications/${appId}`;
}
