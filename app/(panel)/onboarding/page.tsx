import type { Metadata, Route } from "next";
import Link from "next/link";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can, type SectionId } from "@/lib/access/matrix";
import { getChecklist } from "@/lib/domains/dashboard/queries";
import { listApplications } from "@/lib/domains/applications/queries";
import { Card, SectionHeader } from "@/components/ui/page";
import { sectionHref } from "@/lib/routes";
import { Checklist } from "../_components/checklist";

export const metadata: Metadata = { title: sectionTitle("onboarding") };

// Places a newcomer usually starts from; each is shown only to principals holding its section.
const FIRST_STEPS: { section: SectionId; href: Route; text: string }[] = [
  { section: "applications", href: sectionHref("applications"), text: "Create an application and add the users your apps and SIP phones log in with." },
  { section: "subusers", href: sectionHref("subusers"), text: "Give teammates their own login with only the roles they need." },
  { section: "service_accounts", href: sectionHref("service_accounts"), text: "Create a key pair so your servers can call the Management API." },
  { section: "billing", href: sectionHref("billing"), text: "Check the account's balance and every charge and credit." },
  { section: "logs", href: sectionHref("logs"), text: "See who changed what in the account, and from where." },
];

export default async function OnboardingPage() {
  const actor = await requireSection("onboarding");
  const [steps, apps] = await Promise.all([getChecklist(actor), can(actor, "applications") ? listApplications(actor, { count: 1 }) : null]);
  const places = FIRST_STEPS.filter((s) => can(actor, s.section));
  const done = steps.filter((s) => s.done).length;
  return (
    <>
      <SectionHeader section="onboarding" description="The steps to a first working account, ticked off as the account takes them." />
      <Card className="mb-6" data-testid="onboarding-checklist">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-base font-semibold text-slate-900">Getting started</h2>
          <p className="text-sm text-slate-600">
            {done} of {steps.length} done
          </p>
        </div>
        <Checklist steps={steps} firstAppId={apps?.items[0]?.id ?? null} />
      </Card>
      {places.length > 0 ? (
        <Card>
          <h2 className="text-base font-semibold text-slate-900">Where things are</h2>
          <ul className="mt-3 divide-y divide-slate-100">
            {places.map((s) => (
              <li key={s.section} className="py-2.5">
                <Link href={s.href} className="text-sm font-medium text-brand-700 hover:underline">
                  {sectionTitle(s.section)}
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
