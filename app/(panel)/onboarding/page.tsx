import type { Metadata, Route } from "next";
import Link from "next/link";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can, type SectionId } from "@/lib/access/matrix";
import { Card, EmptyState, SectionHeader } from "@/components/ui/page";
import { sectionHref } from "@/lib/routes";

export const metadata: Metadata = { title: sectionTitle("onboarding") };

// Places a newcomer usually starts from; each is shown only to principals holding its section.
const FIRST_STEPS: { section: SectionId; href: Route; title: string; text: string }[] = [
  { section: "applications", href: sectionHref("applications"), title: "Applications", text: "Create an application and add the users your apps and SIP phones log in with." },
  { section: "subusers", href: sectionHref("subusers"), title: "Subusers", text: "Give teammates their own login with only the roles they need." },
  { section: "service_accounts", href: sectionHref("service_accounts"), title: "Service accounts", text: "Create a key pair so your servers can call the Management API." },
  { section: "billing", href: sectionHref("billing"), title: "Billing", text: "Check the account's balance and every charge and credit." },
  { section: "logs", href: sectionHref("logs"), title: "Logs", text: "See who changed what in the account, and from where." },
];

export default async function OnboardingPage() {
  const actor = await requireSection("onboarding");
  const steps = FIRST_STEPS.filter((s) => can(actor, s.section));
  return (
    <>
      <SectionHeader
        section="onboarding"
        description="A guided start with the platform: the steps to a first working application, and how far the account has got."
      />
      <EmptyState title="The guided checklist is not available yet">
        Tracking the account&apos;s progress through the first steps arrives in a later release.
      </EmptyState>
      {steps.length > 0 ? (
        <Card className="mt-6">
          <h2 className="text-sm font-semibold text-slate-900">Where to start</h2>
          <ul className="mt-3 divide-y divide-slate-100">
            {steps.map((s) => (
              <li key={s.section} className="py-2.5">
                <Link href={s.href} className="text-sm font-medium text-brand-700 hover:underline">
                  {s.title}
                </Link>
                <p className="text-sm text-slate-600">{s.text}</p>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  );
}
