import "server-only";
// A number as the panel's tables show it: formatted for reading, its money in the account's
// currency, dates as ISO strings (the client renders them with components/ui/date-time).
import type { AccountNumberDto } from "@/lib/domains/phone-numbers/queries";
import { CATEGORY_LABELS, formatPhoneNumber, type NumberCategory } from "@/lib/domains/phone-numbers/catalogue";
import { formatMoney } from "@/lib/domains/billing/money";
import type { NumberRow } from "./columns";

export function numberRow(n: AccountNumberDto, currency: string): NumberRow {
  return {
    id: n.id,
    number: n.number,
    display: formatPhoneNumber(n.number),
    label: n.label,
    countryCode: n.countryCode,
    countryName: n.countryName,
    regionName: n.regionName,
    category: CATEGORY_LABELS[n.category as NumberCategory] ?? n.category,
    applicationId: n.applicationId,
    applicationName: n.applicationName,
    smsSupported: n.smsSupported,
    smsEnabled: n.smsEnabled,
    monthlyPriceMinor: n.monthlyPriceMinor,
    monthlyPrice: formatMoney(n.monthlyPriceMinor, currency),
    nextRenewalAt: n.nextRenewalAt?.toISOString() ?? null,
    autoRenew: n.autoRenew,
    status: n.status === "blocked" ? "blocked" : "active",
    blockedReason: n.blockedReason,
  };
}

