import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { applicationSectionHref, sectionHref } from "@/lib/routes";
import { isAppError } from "@/lib/core/errors";
import { getAccountNumber, numberMoneyContext, numberRuleChoices } from "@/lib/domains/phone-numbers/queries";
import { CATEGORY_LABELS, formatPhoneNumber, type NumberCategory } from "@/lib/domains/phone-numbers/catalogue";
import { formatMoney } from "@/lib/domains/billing/money";
import { formatUtc } from "@/lib/core/format";
import { Card, PageHeader, type Crumb } from "@/components/ui/page";
import { StatusBadge } from "../../_components/columns";
import { NumberSettingsForm } from "./_components/settings-form";
import { parseRecordId } from "@/lib/core/ids";

export const metadata: Metadata = { title: sectionTitle("numbers.parameters") };

type Props = { params: Promise<{ numberId: string }> };

// The section check comes before any lookup, so a principal without it gets 403 for every id
// (existing or not) and learns nothing about which numbers exist. For holders, an id that is not
// one of the account's active or blocked numbers (another account's, a released one, garbage) is
// a 404: never another tenant's data.
export default async function NumberSettingsPage({ params }: Props) {
  const actor = await requireSection("numbers.parameters");
  const raw = (await params).numberId;
  const numberId = parseRecordId(raw);
  if (!numberId) notFound();
  const n = await getAccountNumber(actor, { numberId }).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const [{ currency }, rules] = await Promise.all([
    numberMoneyContext(actor, "numbers.parameters"),
    n.applicationId === null ? null : numberRuleChoices(actor, n.applicationId),
  ]);
  const display = formatPhoneNumber(n.number);
  const crumbs: Crumb[] = [{ label: "Numbers" }, { label: sectionTitle("numbers.list"), href: can(actor, "numbers.list") ? sectionHref("numbers.list") : undefined }];
  const appLink = n.applicationId !== null && can(actor, "application.phone_numbers") ? applicationSectionHref("application.phone_numbers", n.applicationId) : null;
  const facts: [string, React.ReactNode][] = [
    ["Number", <span key="n" className="tabular-nums" data-number={n.number}>{display}</span>],
    ["Country / region", `${n.countryName} · ${n.regionName}`],
    ["Category", CATEGORY_LABELS[n.category as NumberCategory] ?? n.category],
    ["Status", <StatusBadge key="s" status={n.status === "blocked" ? "blocked" : "active"} blockedReason={n.blockedReason} />],
    ["Monthly rent", formatMoney(n.monthlyPriceMinor, currency)],
    ["Bought", n.purchasedAt ? formatUtc(n.purchasedAt) : "—"],
    ["Next renewal", n.nextRenewalAt ? formatUtc(n.nextRenewalAt) : "—"],
  ];
  return (
    <>
      <PageHeader title={sectionTitle("numbers.parameters")} crumbs={crumbs} description={`${display}: its label, renewal and SMS, and where its calls go.`} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,22rem)]">
        <Card>
          <h2 className="mb-4 text-base font-semibold text-slate-900">Settings</h2>
          <NumberSettingsForm
            number={{ id: n.id, display, label: n.label, autoRenew: n.autoRenew, smsSupported: n.smsSupported, smsEnabled: n.smsEnabled, incomingSmsCallbackUrl: n.incomingSmsCallbackUrl, ruleId: n.ruleId }}
            rules={rules}
          />
        </Card>
        <div className="space-y-6">
          <Card>
            <h2 className="mb-3 text-base font-semibold text-slate-900">The number</h2>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              {facts.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-slate-600">{k}</dt>
                  <dd className="text-slate-900">{v}</dd>
                </div>
              ))}
            </dl>
          </Card>
          <Card data-testid="routing">
            <h2 className="mb-2 text-base font-semibold text-slate-900">Routing</h2>
            <p className="text-sm text-slate-700">
              {n.applicationName ? (
                <>
                  Attached to{" "}
                  {appLink ? (
                    <Link href={appLink} className="font-medium text-brand-700 hover:underline">
                      {n.applicationName}
                    </Link>
                  ) : (
                    <span className="font-medium">{n.applicationName}</span>
                  )}
                  .
                </>
              ) : (
                "Not attached to an application: calls to it are not answered."
              )}
            </p>
            <p className="mt-2 text-sm text-slate-600">
              {n.applicationId === null
                ? "Attach it to an application to choose the rule that answers its calls."
                : n.ruleName
                  ? `Calls to it run the scenarios of the rule ${n.ruleName}.`
                  : rules && rules.length === 0
                    ? "Its application has no rules yet: add one on the application's Rules tab, or its calls go unanswered."
                    : "Calls to it run the scenarios of the first rule, in the application's order, whose pattern matches the number."}
              {can(actor, "numbers.attach") && can(actor, "numbers.list") ? (
                <>
                  {" "}
                  Change the application on{" "}
                  <Link href={sectionHref("numbers.list")} className="font-medium text-brand-700 hover:underline">
                    My numbers
                  </Link>
                  .
                </>
              ) : null}
            </p>
          </Card>
        </div>
      </div>
    </>
  );
}
