import type { NextRequest } from "next/server";
import { guardRoute } from "@/lib/server/route-guard";
import { csvFileName, csvResponse, type CsvColumn } from "@/lib/core/csv";
import { exportAccountNumbers, numberMoneyContext, type AccountNumberDto } from "@/lib/domains/phone-numbers/queries";
import { CATEGORY_LABELS, type NumberCategory } from "@/lib/domains/phone-numbers/catalogue";
import { numbersFilterOf, parseNumberFilters } from "../_components/list-filter";

/** Minor units as a plain decimal ("1.50"): the currency has its own column. */
const decimal = (minor: number) => (minor / 100).toFixed(2);

// The columns of /numbers' CSV export, fixed so scripts can rely on them.
const columns = (currency: string): CsvColumn<AccountNumberDto>[] => [
  { header: "number", value: (n) => n.number },
  { header: "label", value: (n) => n.label },
  { header: "country", value: (n) => n.countryCode },
  { header: "region", value: (n) => n.regionName },
  { header: "category", value: (n) => CATEGORY_LABELS[n.category as NumberCategory] ?? n.category },
  { header: "application", value: (n) => n.applicationName },
  { header: "sms_supported", value: (n) => n.smsSupported },
  { header: "sms_enabled", value: (n) => n.smsEnabled },
  { header: "monthly_price", value: (n) => decimal(n.monthlyPriceMinor) },
  { header: "currency", value: () => currency },
  { header: "purchased_at_utc", value: (n) => n.purchasedAt },
  { header: "next_renewal_utc", value: (n) => n.nextRenewalAt },
  { header: "auto_renew", value: (n) => n.autoRenew },
  { header: "status", value: (n) => n.status },
  { header: "blocked_reason", value: (n) => n.blockedReason },
];

/** GET /numbers/export?q=&app=&country=&sms=&status=: the filtered numbers of /numbers as CSV (numbers.list). */
export async function GET(request: NextRequest): Promise<Response> {
  const actor = await guardRoute("numbers.list");
  if (actor instanceof Response) return actor;
  const raw = Object.fromEntries(request.nextUrl.searchParams);
  const filter = numbersFilterOf(String(raw.q ?? "").slice(0, 100), parseNumberFilters(raw));
  const { currency } = await numberMoneyContext(actor, "numbers.list");
  return csvResponse({
    fileName: csvFileName(`numbers-${actor.accountName}`, new Date()),
    columns: columns(currency),
    rows: filter ? exportAccountNumbers(actor, filter) : [],
  });
}
