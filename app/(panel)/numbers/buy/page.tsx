import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { sectionHref } from "@/lib/routes";
import { catalogueCountries, catalogueRegions, numberMoneyContext, searchAvailableNumbers } from "@/lib/domains/phone-numbers/queries";
import { CATEGORY_LABELS, NUMBER_CATEGORIES, formatPhoneNumber, type NumberCategory } from "@/lib/domains/phone-numbers/catalogue";
import { RESERVATION_DAYS } from "@/lib/domains/phone-numbers/schemas";
import { lastPageOf, parseListParams, skipOf, type RawSearchParams } from "@/components/data-table/search-params";
import { SectionHeader } from "@/components/ui/page";
import { BuyView, type AvailableRow } from "./_components/buy-view";

export const metadata: Metadata = { title: sectionTitle("numbers.available") };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function BuyNumbersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requireSection("numbers.available");
  const raw = await searchParams;
  const countries = catalogueCountries(actor);
  const country = countries.find((c) => c.code === first(raw.country).toUpperCase()) ?? countries[0]!;
  const categoryParam = first(raw.category).toUpperCase();
  const category = (NUMBER_CATEGORIES as readonly string[]).includes(categoryParam) ? (categoryParam as NumberCategory) : undefined;
  const regions = await catalogueRegions(actor, { countryCode: country.code });
  const region = regions.find((r) => String(r.id) === first(raw.region) && (!category || r.category === category));
  const requested = parseListParams(raw, { sort: ["number"] });
  // The pattern is digits ("contains 777"); text without a digit matches nothing.
  const digits = requested.q.replace(/\D/g, "").slice(0, 15);
  const matchesNothing = Boolean(requested.q.trim()) && !digits;
  const fetchPage = (list: typeof requested) =>
    matchesNothing
      ? Promise.resolve({ items: [], total: 0 })
      : searchAvailableNumbers(actor, { countryCode: country.code, category, regionId: region?.id, contains: digits || undefined, offset: skipOf(list), count: list.size });
  const [firstPage, money] = await Promise.all([fetchPage(requested), numberMoneyContext(actor, "numbers.available")]);
  const last = lastPageOf(firstPage.total, requested.size);
  const list = requested.page > last ? { ...requested, page: last } : requested;
  const { items, total } = list === requested ? firstPage : await fetchPage(list);
  const rows: AvailableRow[] = items.map((n) => ({
    id: n.id,
    number: n.number,
    display: formatPhoneNumber(n.number),
    countryName: country.name,
    regionName: n.regionName,
    category: CATEGORY_LABELS[n.category as NumberCategory] ?? n.category,
    smsSupported: n.smsSupported,
    setupPriceMinor: n.setupPriceMinor,
    monthlyPriceMinor: n.monthlyPriceMinor,
    verificationRequired: n.verificationRequired,
  }));
  return (
    <>
      <SectionHeader
        section="numbers.available"
        description="Choose phone numbers from the catalogue by country, region, type and the digits they contain. Buying one charges its setup fee and first month's rent at once; it then renews monthly."
      />
      <BuyView
        rows={rows}
        total={total}
        params={list}
        countries={countries.map((c) => ({ code: c.code, name: c.name, verificationRequired: c.verificationRequired }))}
        country={country.code}
        regions={regions.filter((r) => !category || r.category === category).map((r) => ({ id: r.id, name: r.name, category: CATEGORY_LABELS[r.category], available: r.available }))}
        region={region ? String(region.id) : ""}
        category={category ?? ""}
        categories={NUMBER_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
        money={money}
        billingHref={can(actor, "billing") ? sectionHref("billing") : null}
        reservationDays={RESERVATION_DAYS}
        can={{ buy: can(actor, "numbers.purchase"), reserve: can(actor, "numbers.reserved") }}
      />
    </>
  );
}
