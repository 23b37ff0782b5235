import "server-only";
// Money on the Management API: GetTransactionHistory (the ledger), GetResourcePrice (the
// catalogue's prices) and GetAccountInvoices (monthly invoices computed from the ledger), with
// the public reference's parameter and structure names. Amounts are decimals in the account's
// currency on the wire, minor units in the database.
import { z } from "zod";
import type { ErrorMapping } from "@/lib/api/errors";
import { defineMethod, listResponse, ok, page, type RegisteredMethod } from "@/lib/api/registry";
import * as w from "@/lib/api/wire";
import type { CatalogueCountry } from "@/lib/domains/phone-numbers/catalogue";
import { countLedgerEntries, getBillingSettings, getInvoice, ledgerEntries, listInvoiceMonths, priceCatalogue } from "./queries";
import { LEDGER_KINDS } from "./schemas";

const GROUP = "Billing";
const money = (minor: number) => minor / 100;

export const ZTransactionInfo = z
  .object({
    transaction_id: z.number().int(),
    account_id: z.string(),
    performed_at: w.timestamp,
    amount: z.number().meta({ description: "Positive for credits, negative for charges" }),
    currency: z.string(),
    transaction_type: z.string().meta({ description: `One of ${LEDGER_KINDS.join(", ")}` }),
    transaction_description: z.string(),
  })
  .meta({ id: "TransactionInfoType" });

const BILLING_ERRORS: ErrorMapping = { fields: { kinds: "transaction_type", from: "from_date", to: "to_date" } };

export const getTransactionHistory = defineMethod({
  name: "GetTransactionHistory",
  group: GROUP,
  summary: "The account's ledger: every credit and charge in a date range (UTC), optionally of some types, oldest first unless desc_order.",
  params: z.object({
    from_date: w.date({ description: "From (inclusive)" }).optional(),
    to_date: w.date({ description: "To (exclusive)" }).optional(),
    transaction_type: w.stringList(z.enum(LEDGER_KINDS), { description: "Only these types" }).optional(),
    transaction_id: w.intList({ description: "Accepted for compatibility" }).optional(),
    desc_order: w.bool({ description: "Newest first" }).optional(),
    with_total_count: w.bool({ description: "Accepted for compatibility: total_count is always given" }).optional(),
    ...w.paging,
  }),
  response: listResponse(ZTransactionInfo).extend({ timezone: z.string() }),
  errors: BILLING_ERRORS,
  async handler(p, { actor }) {
    const filter = { kinds: p.transaction_type, from: p.from_date, to: p.to_date };
    const { currency } = await getBillingSettings(actor, "GetTransactionHistory");
    const items: z.output<typeof ZTransactionInfo>[] = [];
    for await (const e of ledgerEntries(actor, { ...filter, newestFirst: p.desc_order ?? false, offset: p.offset, count: p.count })) {
      items.push({
        transaction_id: e.id,
        account_id: String(actor.accountId),
        performed_at: w.formatApiDate(e.createdAt),
        amount: money(e.amountMinor),
        currency,
        transaction_type: e.kind,
        transaction_description: e.memo,
      });
    }
    return { ...page(items, await countLedgerEntries(actor, filter)), timezone: "UTC" };
  },
});

/** The catalogue as resource prices (ours: the resource types and price group ids are this product's). */
const RESOURCES = ["PSTN_OUT", "PSTN_IN", "SMS_OUT", "SMS_IN", "PHONE_NUMBER", "PHONE_NUMBER_INSTALLATION"] as const;

export const ZResourcePrice = z
  .object({
    resource_type: z.enum(RESOURCES),
    price_groups: z.array(
      z
        .object({
          price_group_name: z.string(),
          price_group_id: z.number().int(),
          price: z.number(),
          params: z.record(z.string(), z.string()).meta({ description: "What the group covers: its country, region or category" }),
        })
        .meta({ id: "PriceGroup" }),
    ),
  })
  .meta({ id: "ResourcePrice" });

function priceGroups(resource: (typeof RESOURCES)[number], catalogue: ReturnType<typeof priceCatalogue>) {
  if (resource === "PHONE_NUMBER" || resource === "PHONE_NUMBER_INSTALLATION") {
    return catalogue.regions.map(({ country, region }) => ({
      price_group_name: `${country.code} ${region.name} (${region.category})`,
      price_group_id: region.id,
      price: money(resource === "PHONE_NUMBER" ? region.monthlyPriceMinor : region.setupPriceMinor),
      params: { country_code: country.code, phone_region_id: String(region.id), phone_category_name: region.category },
    }));
  }
  const key = { PSTN_OUT: "callOutboundPerMinuteMinor", PSTN_IN: "callInboundPerMinuteMinor", SMS_OUT: "smsOutboundPerSegmentMinor", SMS_IN: "smsInboundPerSegmentMinor" } as const;
  return catalogue.countries.map((c: CatalogueCountry, i) => ({ price_group_name: c.code, price_group_id: 1000 + i, price: money(c.prices[key[resource]]), params: { country_code: c.code } }));
}

export const getResourcePrice = defineMethod({
  name: "GetResourcePrice",
  group: GROUP,
  summary: "Prices: calls (PSTN_OUT, PSTN_IN per minute), SMS (SMS_OUT, SMS_IN per segment) by country, numbers (PHONE_NUMBER monthly, PHONE_NUMBER_INSTALLATION once) by region.",
  params: z.object({
    resource_type: w.stringList(z.enum(RESOURCES), { description: `The resources: ${RESOURCES.join(", ")}` }).optional(),
    price_group_id: w.intList({ description: "Only these price groups" }).optional(),
    price_group_name: w.optionalText(z.string().max(100), "Only price groups whose name contains this"),
    resource_param: w.stringList(z.string().max(100), { description: "Accepted for compatibility" }).optional(),
  }),
  response: z.object({ result: z.array(ZResourcePrice) }),
  errors: { fields: {} },
  async handler(p, { actor }) {
    const catalogue = priceCatalogue(actor);
    const wanted = p.resource_type ?? RESOURCES;
    return ok(
      wanted.map((resource_type) => ({
        resource_type,
        price_groups: priceGroups(resource_type, catalogue).filter(
          (g) => (!p.price_group_id || p.price_group_id.includes(g.price_group_id)) && (!p.price_group_name || g.price_group_name.toLowerCase().includes(p.price_group_name.toLowerCase())),
        ),
      })),
    );
  },
});

const ZInvoiceTotal = z
  .object({ tax_amount: z.number(), total_amount: z.number(), amount_to_pay: z.number(), discount_amount: z.number(), currency: z.string() })
  .meta({ id: "InvoiceTotalDetails" });

export const ZAccountInvoice = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }).meta({ id: "InvoicePeriod", description: "YYYY-MM-DD, UTC; to is the month's last day" }),
    amount: ZInvoiceTotal,
    invoice_id: z.number().int().meta({ description: "The month as yyyymm" }),
    rows: z.array(z.object({ amount: ZInvoiceTotal, service_name: z.string(), taxes: z.array(z.unknown()) }).meta({ id: "InvoiceSpendingDetails" })),
    invoice_number: z.string(),
    invoice_date: z.string().meta({ description: "YYYY-MM-DD: the day after the period" }),
    status: z.string().meta({ description: "paid: prepaid, charges were taken from the balance as they occurred" }),
  })
  .meta({ id: "AccountInvoice" });

const total = (minor: number, currency: string) => ({ tax_amount: 0, total_amount: money(minor), amount_to_pay: 0, discount_amount: 0, currency });

export const getAccountInvoices = defineMethod({
  name: "GetAccountInvoices",
  group: GROUP,
  summary: "The account's monthly invoices, newest first, computed from the ledger (a PDF of each is on the Billing page).",
  params: z.object({ ...w.paging }),
  response: listResponse(ZAccountInvoice),
  async handler(p, { actor, clock }) {
    const months = await listInvoiceMonths(actor, clock);
    const items = [];
    for (const month of months.slice(p.offset, p.offset + p.count)) {
      const inv = await getInvoice(actor, month);
      items.push({
        period: { from: inv.from.toISOString().slice(0, 10), to: new Date(inv.to.getTime() - 1).toISOString().slice(0, 10) },
        amount: total(inv.chargedMinor, inv.currency),
        invoice_id: inv.id,
        rows: inv.charges.map((l) => ({ amount: total(l.amountMinor, inv.currency), service_name: l.label, taxes: [] })),
        invoice_number: inv.number,
        invoice_date: inv.to.toISOString().slice(0, 10),
        status: "paid",
      });
    }
    return page(items, months.length);
  },
});

export const billingMethods: RegisteredMethod[] = [getTransactionHistory, getResourcePrice, getAccountInvoices] as RegisteredMethod[];
