import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { can } from "@/lib/access/matrix";
import { sectionHref } from "@/lib/routes";
import { APPLICATION_NUMBER_SORTS, attachableNumbers, listApplicationNumbers, numberMoneyContext } from "@/lib/domains/phone-numbers/queries";
import { formatPhoneNumber } from "@/lib/domains/phone-numbers/catalogue";
import { lastPageOf, parseListParams, skipOf, type RawSearchParams } from "@/components/data-table/search-params";
import { numberRow } from "@/app/(panel)/numbers/_components/number-row";
import { loadApplication } from "../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../_components/application-frame";
import { AppNumbersView } from "./_components/app-numbers-view";

type Props = { params: Promise<{ appId: string }>; searchParams: Promise<RawSearchParams> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.phone_numbers", params);

const digitsOf = (v: string | string[] | undefined) => ((Array.isArray(v) ? v[0] : v) ?? "").replace(/\D/g, "").slice(0, 15);

export default async function AppNumbersPage({ params, searchParams }: Props) {
  const actor = await requireSection("application.phone_numbers");
  // 404 for another account's application, before anything is shown.
  const app = await loadApplication(actor, (await params).appId);
  const raw = await searchParams;
  const requested = parseListParams(raw, { sort: APPLICATION_NUMBER_SORTS });
  const digits = digitsOf(requested.q);
  const matchesNothing = Boolean(requested.q.trim()) && !digits;
  const fetchPage = (list: typeof requested) =>
    matchesNothing
      ? Promise.resolve({ items: [], total: 0 })
      : listApplicationNumbers(actor, { applicationId: app.id, contains: digits || undefined, orderBy: list.sort, dir: list.dir, offset: skipOf(list), count: list.size });
  const canAttach = can(actor, "numbers.attach");
  const [first, inApp, money, attachable] = await Promise.all([
    fetchPage(requested),
    requested.q ? listApplicationNumbers(actor, { applicationId: app.id, count: 1 }).then((r) => r.total) : null,
    numberMoneyContext(actor, "application.phone_numbers"),
    canAttach ? attachableNumbers(actor, { contains: digitsOf(raw.pick) || undefined }) : null,
  ]);
  const last = lastPageOf(first.total, requested.size);
  const list = requested.page > last ? { ...requested, page: last } : requested;
  const { items, total } = list === requested ? first : await fetchPage(list);
  return (
    <ApplicationFrame actor={actor} app={app} section="application.phone_numbers" description="Phone numbers attached to this application: calls and messages to them are handled by it.">
      <AppNumbersView
        appId={app.id}
        appName={app.name}
        rows={items.map((n) => numberRow(n, money.currency))}
        total={total}
        params={list}
        empty={(inApp ?? total) === 0}
        attachable={attachable ? { items: attachable.items.map((n) => ({ id: n.id, display: formatPhoneNumber(n.number), where: `${n.countryName} · ${n.regionName}` })), total: attachable.total } : null}
        multiple={can(actor, "numbers.all_actions")}
        settingsLinks={can(actor, "numbers.parameters")}
        buyHref={can(actor, "numbers.available") ? sectionHref("numbers.available") : null}
      />
    </ApplicationFrame>
  );
}
