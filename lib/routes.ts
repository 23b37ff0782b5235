// Routes as data (docs/PRODUCT.md section 9). Page sections take their paths from role-matrix.json
// through the access module; the few routes that are not sections (logins, the subuser login
// link, an application's pages) are built here and nowhere else. Pure: client and server alike.
import type { Route } from "next";
import { section, type SectionId } from "@/lib/access/matrix";

const APP_ID = "[appId]";

/** The path of a page section with a fixed route (no id in it), e.g. "numbers.list" -> "/numbers". */
export function sectionHref(id: SectionId): Route {
  const path = section(id).path;
  if (!path || path.includes("[")) throw new Error(`Section ${id} has no fixed route`);
  return path as Route;
}

/** The path of a per-application page section for one application, e.g. ("application.users", 7) -> "/applications/7/users". */
export function applicationSectionHref(id: SectionId, appId: number): Route {
  const path = section(id).path;
  if (!path?.includes(APP_ID)) throw new Error(`Section ${id} is not a per-application page`);
  return path.replace(APP_ID, String(appId)) as Route;
}

/** The segment a per-application page adds to /applications/[appId] ("" for the application page itself). */
export function applicationSegment(id: SectionId): string {
  const path = section(id).path ?? "";
  const prefix = `/applications/${APP_ID}`;
  if (!path.startsWith(prefix)) throw new Error(`Section ${id} is not a per-application page`);
  return path.slice(prefix.length).replace(/^\//, "");
}

export const routes = {
  home: "/" as Route,
  login: "/login" as Route,
  /** Where signup sends everyone, new email or not: the login page with its "signed up" notice. */
  loginAfterSignup: "/login?signed-up=1" as Route,
  signup: "/signup" as Route,
  logout: "/logout" as Route,
  /** Where a subuser sets up the two-step verification its account requires before anything else (PanelActor.twoStepDue). */
  twoStepSetup: "/two-step" as Route,
  dashboard: sectionHref("control_panel"),
  /** Where a login with a recovery code lands: the dashboard with its "codes left" notice (every role has the dashboard; not every role has Profile). */
  dashboardAfterRecoveryCode: `${sectionHref("control_panel")}?recovery-code=used` as Route,
  /** The account's subuser login link: the only way its subusers log in (seed 000). */
  subuserLogin: (accountId: number) => `/login/subuser/${accountId}` as Route,
  /** The access matrix page (section subusers): who can see what, and why. */
  access: "/settings/access" as Route,
  /** Child accounts: the account owner's alone, not a matrix section (docs/PRODUCT.md section 9, "(ours)"). */
  childAccounts: "/settings/child-accounts" as Route,
  /** The Management API reference, rendered from the OpenAPI document (section service_accounts). */
  apiReference: "/settings/service-accounts/api-docs" as Route,
  /** An application's CSV export of call history (section application.call_history_downloads). */
  applicationCallHistoryExport: (appId: number) => `${applicationSectionHref("application.call_history", appId)}/export` as Route,
  /** One call list of an application (section application.call_lists). */
  callList: (appId: number, listId: number) => `${applicationSectionHref("application.call_lists", appId)}/${listId}` as Route,
  /** One call session of an application, under its call history (section application.call_history). */
  applicationCallSession: (appId: number, sessionId: number) => `${applicationSectionHref("application.call_history", appId)}/${sessionId}` as Route,
  /** One call session under All calls (section calls). */
  callSession: (sessionId: number) => `${sectionHref("calls")}/${sessionId}` as Route,
  /** A tab of the Billing page (section billing; the verification tab's controls need billing.verification). */
  billingTab: (tab: BillingTab) => `${sectionHref("billing")}?tab=${tab}` as Route,
  /** One support ticket's conversation (section support.tickets). */
  supportTicket: (ticketId: number) => `${sectionHref("support.tickets")}/${ticketId}` as Route,
} as const;

/** The Billing page's tabs, in the order shown; the first is the page's default. */
export const BILLING_TABS = ["transactions", "top-up", "receipts", "invoices", "settings", "verification"] as const;
export type BillingTab = (typeof BILLING_TABS)[number];

/**
 * The subuser login link as an absolute URL under `origin`, the panel's public base URL for the
 * request (publicOrigin() in lib/core/request-info.ts), so it is right behind any domain or port.
 */
export function subuserLoginUrl(accountId: number, origin: string): string {
  return `${origin.replace(/\/+$/, "")}${routes.subuserLogin(accountId)}`;
}
