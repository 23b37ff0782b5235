// One SIP registration as the two panel pages show it: plain values and ISO dates, never the password.
import type { SipRegistrationDto } from "@/lib/domains/sip-registrations/queries";
import { SIP_REGISTRATION_STATE_LABELS, sipRegistrationState, type SipRegistrationState } from "@/lib/domains/sip-registrations/client-safe";

export type SipRegistrationRow = {
  id: number;
  /** "1001@pbx.example.com". */
  label: string;
  sipUsername: string;
  proxy: string;
  authUser: string;
  outboundProxy: string;
  isPersistent: boolean;
  state: SipRegistrationState;
  stateLabel: string;
  /** "200", "401 Unauthorized: …", "" when not attempted. */
  outcome: string;
  applicationId: number | null;
  applicationName: string | null;
  ruleName: string | null;
  appUserName: string | null;
  nextRenewalAt: string;
};

export function sipRegistrationRow(r: SipRegistrationDto): SipRegistrationRow {
  const state = sipRegistrationState(r);
  return {
    id: r.id,
    label: `${r.sipUsername}@${r.proxy}`,
    sipUsername: r.sipUsername,
    proxy: r.proxy,
    authUser: r.authUser,
    outboundProxy: r.outboundProxy,
    isPersistent: r.isPersistent,
    state,
    stateLabel: SIP_REGISTRATION_STATE_LABELS[state],
    outcome: r.statusCode === null ? r.errorMessage : `${r.statusCode}${r.errorMessage ? ` ${r.errorMessage}` : " OK"}`,
    applicationId: r.applicationId,
    applicationName: r.applicationName,
    ruleName: r.ruleName,
    appUserName: r.appUserName,
    nextRenewalAt: r.nextRenewalAt.toISOString(),
  };
}

/** Where a registration's calls go, in words. */
export function boundTo(r: Pick<SipRegistrationRow, "applicationName" | "ruleName" | "appUserName">): string {
  if (!r.applicationName) return "";
  if (r.ruleName) return `${r.applicationName}: rule ${r.ruleName}`;
  if (r.appUserName) return `${r.applicationName}: user ${r.appUserName}`;
  return `${r.applicationName} (first matching rule)`;
}
