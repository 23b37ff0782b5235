import type { Metadata } from "next";
import Link from "next/link";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { can } from "@/lib/access/matrix";
import { sectionHref } from "@/lib/routes";
import { listReservedNumbers, numberMoneyContext } from "@/lib/domains/phone-numbers/queries";
import { CATEGORY_LABELS, countryByCode, formatPhoneNumber, type NumberCategory } from "@/lib/domains/phone-numbers/catalogue";
import { RESERVATION_DAYS } from "@/lib/domains/phone-numbers/schemas";
import { EmptyState, SectionHeader } from "@/components/ui/page";
import { ReservedTable, type ReservedRow } from "./_components/reserved-table";

export const metadata: Metadata = { title: sectionTitle("numbers.reserved") };

export default async function ReservedNumbersPage() {
  const actor = await requireSection("numbers.reserved");
  const [numbers, money] = await Promise.all([listReservedNumbers(actor), numberMoneyContext(actor, "numbers.reserved")]);
  const rows: ReservedRow[] = numbers.map((n) => ({
    id: n.id,
    number: n.number,
    display: formatPhoneNumber(n.number),
    countryName: n.countryName,
    regionName: n.regionName,
    category: CATEGORY_LABELS[n.category as NumberCategory] ?? n.category,
    setupPriceMinor: n.setupPriceMinor,
    monthlyPriceMinor: n.monthlyPriceMinor,
    verificationRequired: countryByCode(n.countryCode)?.verificationRequired ?? false,
    reservedUntil: n.reservedUntil!.toISOString(),
  }));
  const canBrowse = can(actor, "numbers.available");
  return (
    <>
      <SectionHeader
        section="numbers.reserved"
        description={`Numbers held for the account for ${RESERVATION_DAYS} days before they are bought. Buy one (charged like any purchase) or let it go back to the catalogue.`}
      />
      <ReservedTable
        rows={rows}
        money={money}
        canBuy={can(actor, "numbers.purchase")}
        billingHref={can(actor, "billing") ? sectionHref("billing") : null}
        empty={
          <EmptyState title="No numbers are reserved">
            <p>
              Reserve numbers from the buy page to hold them for {RESERVATION_DAYS} days while you decide.{" "}
              {canBrowse ? (
                <Link href={sectionHref("numbers.available")} className="font-medium text-brand-700 hover:underline">
                  Browse numbers to reserve
                </Link>
              ) : null}
            </p>
          </EmptyState>
        }
      />
    </>
  );
}
