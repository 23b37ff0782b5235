// What one notification says, per kind, with a link to where to act. The links are the ones the
// reader's sections open (the page passes `holds`, asked of the access module); a detail the
// domain redacted for this reader says that something happened, never the figures.
import Link from "next/link";
import type { Route } from "next";
import type { SectionId } from "@/lib/access/matrix";
import type { NotificationDto } from "@/lib/domains/notifications/queries";
import { formatMoney } from "@/lib/domains/billing/money";
import { formatUtc } from "@/lib/core/format";
import { sectionTitle } from "@/lib/nav";
import { applicationSectionHref, routes, sectionHref } from "@/lib/routes";

const or = (names: string[]) => (names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`);

function Action({ href, children }: { href: Route; children: React.ReactNode }) {
  return (
    <Link href={href} className="font-medium text-brand-700 hover:underline" data-notification-link>
      {children}
    </Link>
  );
}

const minutes = (s: number) => (s % 60 === 0 ? `${s / 60} minute${s === 60 ? "" : "s"}` : `${s} seconds`);

export function NotificationText({ n, holds }: { n: NotificationDto; holds: (section: SectionId) => boolean }) {
  const d = n.detail;
  switch (d.kind) {
    case "access_request":
      return d.section ? (
        <>
          <p>
            <span className="font-semibold">{d.subuser ?? "A subuser"}</span> asked for access to <span className="font-semibold">{sectionTitle(d.section)}</span>.
          </p>
          <p className="mt-0.5 text-slate-600">
            {d.roles.length ? `Roles that open it: ${or(d.roles)}.` : null}{" "}
            {holds("subusers.edit") ? <Action href={(d.subuser ? `${sectionHref("subusers")}?edit=${encodeURIComponent(d.subuser)}` : sectionHref("subusers")) as Route}>Change {d.subuser ?? "the subuser"}&apos;s roles</Action> : null}
          </p>
        </>
      ) : (
        <p>A subuser asked for access to a section that no longer exists.</p>
      );
    case "low_balance":
      return (
        <>
          {d.redacted ? (
            <p>The account&apos;s balance fell below its low-balance threshold.</p>
          ) : (
            <p>
              The balance is <span className="font-semibold tabular-nums">{formatMoney(d.balanceMinor, d.currency)}</span>, below the low-balance threshold of{" "}
              <span className="tabular-nums">{formatMoney(d.thresholdMinor, d.currency)}</span>.
            </p>
          )}
          <p className="mt-0.5 text-slate-600">
            {holds("billing") ? <Action href={routes.billingTab("top-up")}>Top up the balance</Action> : "Someone with access to Billing can top it up."}
          </p>
        </>
      );
    case "number_blocked": {
      const where = holds("numbers.blocked") ? (
        <Action href={sectionHref("numbers.blocked")}>Restore it on Blocked numbers</Action>
      ) : holds("billing") ? (
        <Action href={routes.billingTab("top-up")}>Top up the balance</Action>
      ) : holds("numbers.list") ? (
        <Action href={sectionHref("numbers.list")}>See your numbers</Action>
      ) : null;
      return (
        <>
          {d.redacted ? (
            <p>A phone number was blocked: its monthly rent could not be paid.</p>
          ) : (
            <p>
              <span className="font-semibold tabular-nums">{d.number}</span> is blocked: its monthly rent of{" "}
              <span className="tabular-nums">{formatMoney(d.rentMinor, d.currency)}</span> could not be paid.
              {d.releaseAt ? ` Unless it is restored by paying it, the number is released on ${formatUtc(d.releaseAt)}.` : null}
            </p>
          )}
          {where ? <p className="mt-0.5 text-slate-600">{where}</p> : null}
        </>
      );
    }
    case "sip_registration_deactivated":
      return (
        <>
          {d.redacted ? (
            <p>A SIP registration was deactivated: its monthly fee could not be paid.</p>
          ) : (
            <p>
              The SIP registration <span className="font-semibold">{d.registration}</span> is deactivated: its monthly fee of{" "}
              <span className="tabular-nums">{formatMoney(d.priceMinor, d.currency)}</span> could not be paid. Calls through it stop until it is paid for.
            </p>
          )}
          <p className="mt-0.5 text-slate-600">
            {holds("sip_registrations") ? (
              <Action href={sectionHref("sip_registrations")}>Pay and restore it on {sectionTitle("sip_registrations")}</Action>
            ) : holds("billing") ? (
              <Action href={routes.billingTab("top-up")}>Top up the balance</Action>
            ) : null}
          </p>
        </>
      );
    case "support_answered":
      return d.redacted ? (
        <p>The support team answered one of the account&apos;s tickets.</p>
      ) : (
        <>
          <p>
            The support team answered the ticket <span className="font-semibold">{d.subject}</span>.
          </p>
          <p className="mt-0.5 text-slate-600">
            <Action href={routes.supportTicket(d.ticketId)}>Read the answer</Action>
          </p>
        </>
      );
    case "push_certificate_expiring": {
      if (d.redacted) return <p>A push certificate of the account is about to expire.</p>;
      // Said as of when it was raised (render stays pure): a certificate added already expired is "expired".
      const expired = d.expiresAt.getTime() <= new Date(n.createdAt).getTime();
      return (
        <>
          <p>
            The push credential <span className="font-semibold">{d.credential}</span> {expired ? "expired" : "expires"} on <span className="tabular-nums">{formatUtc(d.expiresAt)}</span>. Mobile
            clients are not woken for incoming calls once it has expired: renew the certificate in your Apple developer account and replace it.
          </p>
          {d.applicationId !== null ? (
            <p className="mt-0.5 text-slate-600">
              <Action href={applicationSectionHref("application.push_certificates", d.applicationId)}>Replace it on Push certificates</Action>
            </p>
          ) : null}
        </>
      );
    }
    case "caller_id_code":
      return d.redacted ? (
        <p>A caller ID verification code was sent. Someone with access to {sectionTitle("caller_ids")} can read it here.</p>
      ) : (
        <>
          <p>
            The verification code for caller ID <span className="font-semibold tabular-nums">{d.number}</span> is{" "}
            <span className="font-mono text-base font-semibold tracking-widest" data-testid="caller-id-code">
              {d.code}
            </span>
            {d.expiresInSeconds ? ` (valid for ${minutes(d.expiresInSeconds)}).` : "."}
          </p>
          <p className="mt-0.5 text-slate-600">
            <Action href={sectionHref("caller_ids")}>Enter it on {sectionTitle("caller_ids")}</Action>
          </p>
        </>
      );
    case "verification_approved":
      return (
        <>
          <p>The account&apos;s verification was approved: the account is verified.</p>
          {holds("billing") ? (
            <p className="mt-0.5 text-slate-600">
              <Action href={routes.billingTab("verification")}>See the verification</Action>
            </p>
          ) : null}
        </>
      );
    case "verification_rejected":
      return (
        <>
          <p>
            The account&apos;s verification was rejected{d.redacted || !d.reason ? "." : ":"}
            {!d.redacted && d.reason ? <span className="font-medium"> {d.reason}</span> : null}
          </p>
          {holds("billing") ? (
            <p className="mt-0.5 text-slate-600">
              <Action href={routes.billingTab("verification")}>{holds("billing.verification") ? "Correct the details and submit again" : "See the verification"}</Action>
            </p>
          ) : null}
        </>
      );
    case "other":
      return <p>A notification of type “{d.type}”.</p>;
  }
}
