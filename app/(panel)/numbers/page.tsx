import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { sectionHref } from "@/lib/routes";
import { accountNumberCountries, applicationsWithNumbers, attachTargets, countHeldNumbers, listAccountNumbers, numberMoneyContext } from "@/lib/domains/phone-numbers/queries";
import { countryByCode } from "@/lib/domains/phone-numbers/catalogue";
import { lastPageOf, parseListParams, skipOf, type RawSearchParams } from "@/components/data-table/search-params";
import { SectionHeader } from "@/components/ui/page";
import { NUMBER_LIST_SORTS, numbersFilterOf, parseNumberFilters } from "./_components/list-filter";
import { numberRow } from "./_components/number-row";
import { NumbersView } from "./_components/numbers-view";

export const metadata: Metadata = { title: sectionTitle("numbers.list") };

export default async function NumbersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requireSection("numbers.list");
  const raw = await searchParams;
  const requested = parseListParams(raw, { sort: NUMBER_LIST_SORTS, defaultSort: "number" });
  const filters = parseNumberFilters(raw);
  const filter = numbersFilterOf(requested.q, filters);
  const fetchPage = async (list: typeof requested) =>
    filter ? listAccountNumbers(actor, { ...filter, orderBy: list.sort, dir: list.dir, offset: skipOf(list), count: list.size }) : { items: [], total: 0 };
  const narrowed = Boolean(requested.q || Object.values(filters).some(Boolean));
  const canAttach = can(actor, "numbers.attach");
  const [first, held, apps, countryCodes, targets, money] = await Promise.all([
    fetchPage(requested),
    narrowed ? countHeldNumbers(actor) : null,
    applicationsWithNumbers(actor),
    accountNumberCountries(actor),
    canAttach ? attachTargets(actor) : [],
    numberMoneyContext(actor, "numbers.list"),
  ]);
  // A stale link past the last page (numbers were released, the filter narrowed) shows the last page.
  const last = lastPageOf(first.total, requested.size);
  const list = requested.page > last ? { ...requested, page: last } : requested;
  const { items, total } = list === requested ? first : await fetchPage(list);
  const canBuy = can(actor, "numbers.available");
  return (
    <>
      <SectionHeader
        section="numbers.list"
        description="The phone numbers the account has bought: which application each is attached to, its monthly rent and when it renews."
      />
      <NumbersView
        rows={items.map((n) => numberRow(n, money.currency))}
        total={total}
        params={list}
        filters={filters}
        empty={(held ?? total) === 0}
        applications={apps}
        countries={countryCodes.map((code) => ({ code, name: countryByCode(code)?.name ?? code }))}
        attachTargets={targets}
        buyHref={canBuy ? sectionHref("numbers.available") : null}
        can={{
          attach: canAttach,
          deactivate: can(actor, "numbers.deactivate"),
          bulk: can(actor, "numbers.all_actions"),
          settings: can(actor, "numbers.parameters"),
        }}
      />
    </>
  );
}
