import type { Metadata } from "next";
import Link from "next/link";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { env } from "@/lib/core/env";
import { Card, SectionHeader } from "@/components/ui/page";
import { listAuthorizedIps } from "@/lib/domains/authorized-ips/queries";
import { ipVerdict } from "@/lib/domains/authorized-ips/verdict";
import { AuthorizedIps } from "./_components/authorized-ips";
import { twoStepCoverage } from "@/lib/domains/subusers/queries";
import { countOf } from "@/lib/core/format";
import { isAccountOwner } from "@/lib/access/account-owner";
import { RequireTwoStep } from "./_components/require-two-step";

export const metadata: Metadata = { title: sectionTitle("security") };

export default async function SecurityPage() {
  const actor = await requireSection("security");
  const hours = Math.round((env().SESSION_TTL_SECONDS / 3600) * 10) / 10;
  // Both lists, whole (at most MAX_AUTHORIZED_IPS entries).
  const [{ items }, twoStep] = await Promise.all([listAuthorizedIps(actor, { count: 1000 }), twoStepCoverage(actor)]);
  // What the lists would say to a Management API call from this browser's address (scripts
  // usually run elsewhere, but a person testing from here wants to know).
  const yours = ipVerdict(items, actor.ip);
  const yourVerdict = yours.allowed
    ? yours.match
      ? `allowed by ${yours.match.network}.`
      : "the lists let it call."
    : yours.match
      ? `blocked by ${yours.match.network}.`
      : "a Management API call from it would be refused (it is on no allowed network).";
  return (
    <>
      <SectionHeader
        section="security"
        description="How the account is protected: session lifetime, login throttling, and which addresses may call the Management API."
      />
      <Card className="mb-6">
        <h2 className="text-sm font-semibold text-slate-900">In force for every login</h2>
        <ul className="mt-3 list-disc space-y-1.5 pl-5 text-sm text-slate-600">
          <li>
            A panel session ends {hours} {hours === 1 ? "hour" : "hours"} after login, however active it is; then the person logs in again.
          </li>
          <li>Deactivating or deleting a subuser, or changing its password or roles, ends its open sessions on their next request.</li>
          <li>Repeated failed logins lock that login name for a growing while (up to 15 minutes), and too many failures from one address pause logins from it for a while.</li>
          <li>Passwords are stored only as argon2id hashes; common passwords are refused.</li>
          <li data-testid="two-step-coverage">
            Two-step verification (a code from an authenticator app after the password) is {twoStep.owner ? "on" : "off"} for the account owner
            {twoStep.subusers > 0 ? ` and on for ${twoStep.subusersOn} of ${countOf(twoStep.subusers, "subuser")}` : ""}. Each login turns it on in
            its own Profile; Settings → Subusers marks who has it.{" "}
            {twoStep.required
              ? "The account requires it of every subuser: one without it can only set it up until it has."
              : "Subusers are not required to use it."}
          </li>
        </ul>
        {isAccountOwner(actor) ? <RequireTwoStep required={twoStep.required} ownerOn={twoStep.owner} subusersWithout={twoStep.subusers - twoStep.subusersOn} /> : null}
        {can(actor, "profile") ? (
          <p className="mt-4 text-sm">
            <Link href="/profile" className="font-medium text-brand-700 hover:underline">
              Change your password, turn on two-step verification or end your sessions in Profile
            </Link>
          </p>
        ) : null}
      </Card>
      <AuthorizedIps
        rows={items.map((e) => ({ id: e.id, network: e.network, allowed: e.allowed, description: e.description, createdAt: e.createdAt.toISOString() }))}
        yourAddress={actor.ip || "an unknown address"}
        yourVerdict={yourVerdict}
      />
    </>
  );
}
