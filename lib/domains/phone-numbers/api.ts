import "server-only";
// Phone numbers and the PSTN blacklist on the Management API, with the public reference's
// parameter and structure names (the official Node client's index.js and TypeTransformer.js):
// GetNewPhoneNumbers, GetPhoneNumberCategories, GetPhoneNumberCountryStates,
// GetPhoneNumberRegions, AttachPhoneNumber (buy), BindPhoneNumberToApplication,
// DeactivatePhoneNumber, SetPhoneNumberInfo, GetPhoneNumbers, IsAccountPhoneNumber,
// GetAccountPhoneNumberCountries, Add/Set/Del/GetPstnBlackList(Item). Every handler calls this
// domain's functions, the same as the panel's pages. Money on the wire is in the account's
// currency as a decimal number; in the database it is minor units.
import { z } from "zod";
import { API_ERROR, ApiError, type ErrorMapping } from "@/lib/api/errors";
import { DONE_RESPONSE, defineMethod, done, listResponse, ok, okResponse, page, type RegisteredMethod } from "@/lib/api/registry";
import * as w from "@/lib/api/wire";
import { APP_REF_ONE_OF, appRefParams, resolveAppRef, resolveOptionalAppRef } from "@/lib/domains/applications/api";
import { resolveRule } from "@/lib/domains/rules/queries";
import { countryByCode, NUMBER_CATEGORIES } from "./catalogue";
import {
  addBlacklistEntry,
  attachNumbers,
  buyNumbers,
  deactivateNumbers,
  deleteBlacklistEntry,
  updateBlacklistEntry,
  updateNumberSettings,
} from "./mutations";
import {
  accountNumberCountries,
  catalogueCountries,
  catalogueRegions,
  isAccountNumber,
  listAccountNumbers,
  listBlacklist,
  searchAvailableNumbers,
  type AccountNumberDto,
  type AvailableNumberDto,
} from "./queries";

const GROUP = "Phone numbers";
const money = (minor: number) => minor / 100;

// Wire structures.

export const ZNewPhoneInfo = z
  .object({
    phone_id: z.number().int(),
    phone_number: z.string(),
    phone_price: z.number().meta({ description: "The monthly rent" }),
    phone_installation_price: z.number().meta({ description: "The one-off setup fee" }),
    phone_country_code: z.string(),
    phone_period: z.string().meta({ description: "The rent period: 0-1-0-0-0-0 (one month)" }),
    phone_category_name: z.string(),
    phone_region_name: z.string(),
    phone_installation_tax_reserve: z.number(),
    phone_tax_reserve: z.number(),
  })
  .meta({ id: "NewPhoneInfoType" });

const PERIOD_MONTH = "0-1-0-0-0-0";

function newPhoneInfo(n: AvailableNumberDto): z.output<typeof ZNewPhoneInfo> {
  return {
    phone_id: n.id,
    phone_number: n.number.replace(/^\+/, ""),
    phone_price: money(n.monthlyPriceMinor),
    phone_installation_price: money(n.setupPriceMinor),
    phone_country_code: n.countryCode,
    phone_period: PERIOD_MONTH,
    phone_category_name: n.category,
    phone_region_name: n.regionName,
    phone_installation_tax_reserve: 0,
    phone_tax_reserve: 0,
  };
}

export const ZAttachedPhoneInfo = z
  .object({
    phone_id: z.number().int(),
    phone_number: z.string(),
    phone_price: z.number(),
    phone_country_code: z.string(),
    activation_status: z.string().meta({ description: "ACTIVE, or BLOCKED (unpaid rent or missing verification)" }),
    phone_next_renewal: z.string().nullable().meta({ description: "YYYY-MM-DD, UTC" }),
    phone_purchase_date: w.timestamp,
    deactivated: z.boolean(),
    canceled: z.boolean(),
    auto_charge: z.boolean(),
    application_id: z.number().int().optional(),
    application_name: z.string().optional(),
    category_name: z.string(),
    required_verification: z.string().optional(),
    verification_status: z.string().optional(),
    unverified_hold_until: z.string().nullable().optional(),
    can_be_used: z.boolean(),
    is_sms_supported: z.boolean(),
    is_sms_enabled: z.boolean(),
    incoming_sms_callback_url: z.string().optional(),
    phone_region_name: z.string(),
    modified: w.timestamp,
  })
  .meta({ id: "AttachedPhoneInfoType" });

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

function attachedPhoneInfo(n: AccountNumberDto): z.output<typeof ZAttachedPhoneInfo> {
  const verification = countryByCode(n.countryCode)?.verificationRequired;
  return {
    phone_id: n.id,
    phone_number: n.number.replace(/^\+/, ""),
    phone_price: money(n.monthlyPriceMinor),
    phone_country_code: n.countryCode,
    activation_status: n.status === "blocked" ? "BLOCKED" : "ACTIVE",
    phone_next_renewal: day(n.nextRenewalAt),
    phone_purchase_date: w.formatApiDate(n.purchasedAt),
    deactivated: false,
    canceled: !n.autoRenew,
    auto_charge: n.autoRenew,
    ...(n.applicationId !== null ? { application_id: n.applicationId, application_name: n.applicationName ?? "" } : {}),
    category_name: n.category,
    ...(verification ? { required_verification: "REGULAR", verification_status: n.blockedReason === "verification" ? "WAITING_FOR_CONFIRMATION_DOCUMENTS" : "VERIFIED" } : {}),
    can_be_used: n.status === "active",
    is_sms_supported: n.smsSupported,
    is_sms_enabled: n.smsEnabled,
    incoming_sms_callback_url: n.incomingSmsCallbackUrl,
    phone_region_name: n.regionName,
    modified: w.formatApiDate(n.updatedAt),
  };
}

/** "+14155550123" from "14155550123" or "+1 415 555 0123": the API sends numbers without "+". */
const e164 = (v: string) => `+${v.replace(/[^\d]/g, "")}`;

const NUMBER_ERRORS: ErrorMapping = {
  fields: { numberId: ["phone_id", "phone_number"], numberIds: ["phone_id", "phone_number"], numbers: "phone_number", applicationId: "application_id", ruleId: "rule_id", ruleName: "rule_name", countryCode: "country_code", category: "phone_category_name", count: "phone_count", regionId: "phone_region_id" },
};

const phoneIds = w.intList({ apiCode: API_ERROR.INVALID_PHONE_NUMBER, description: "The phone ids" }).optional();
const phoneNumbers = w.stringList(z.string().max(20), { description: "The phone numbers (E.164, with or without '+')" }).optional();
const PHONE_ONE_OF = { params: ["phone_id", "phone_number"] as const, required: true };

/** The account's numbers named by phone_id or phone_number (not found: 602). */
async function resolveNumberIds(actor: Parameters<typeof listAccountNumbers>[0], p: { phone_id?: number[]; phone_number?: string[] }): Promise<number[]> {
  if (p.phone_id) return p.phone_id;
  const numbers = (p.phone_number ?? []).map(e164);
  const { items } = await listAccountNumbers(actor, { numbers, count: 1000 });
  const missing = numbers.find((n) => !items.some((i) => i.number === n));
  if (missing) throw new ApiError(API_ERROR.INVALID_PHONE_NUMBER, `Invalid 'phone_number': ${missing.slice(0, 20)} is not a number of this account`);
  return items.map((i) => i.id);
}

/** A digit mask ("7495*777*"): the longest run of digits is what the number must contain. */
const ZMask = z
  .string()
  .max(20)
  .regex(/^[\d*+ -]*$/, "must be digits, with '*' for any digits")
  .transform((v) => v.replace(/[+ -]/g, "").split("*").sort((a, b) => b.length - a.length)[0] ?? "");

const categoryParam = w.optionalText(z.enum(NUMBER_CATEGORIES), `The number category: ${NUMBER_CATEGORIES.join(", ")}`);
const countryParam = w.text(z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "must be a two-letter country code"), { description: "The country (ISO 3166-1 alpha-2, e.g. US)" });

export const getNewPhoneNumbers = defineMethod({
  name: "GetNewPhoneNumbers",
  group: GROUP,
  summary: "Lists the numbers available to buy in a country, optionally in one category, region or state and matching a digit mask.",
  params: z.object({
    country_code: countryParam,
    phone_category_name: categoryParam,
    phone_region_id: w.int({ min: 1, description: "The region (GetPhoneNumberRegions)" }).optional(),
    country_state: w.optionalText(z.string().max(8), "The state, for countries with states (GetPhoneNumberCountryStates)"),
    phone_number_mask: w.optionalText(ZMask, "Digits the number must contain; '*' matches anything"),
    ...w.paging,
  }),
  response: listResponse(ZNewPhoneInfo),
  errors: NUMBER_ERRORS,
  async handler(p, { actor, clock }) {
    const { items, total } = await searchAvailableNumbers(
      actor,
      { countryCode: p.country_code, category: p.phone_category_name, regionId: p.phone_region_id, state: p.country_state, digits: p.phone_number_mask || undefined, offset: p.offset, count: p.count },
      clock,
    );
    return page(items.map(newPhoneInfo), total);
  },
});

export const ZPhoneNumberCountryInfo = z
  .object({
    country_code: z.string(),
    localized_country_name: z.string(),
    phone_prefix: z.string(),
    can_list_phone_numbers: z.boolean(),
    phone_categories: z.array(
      z.object({ phone_category_name: z.string(), country_has_states: z.boolean(), localized_phone_category_name: z.string() }).meta({ id: "PhoneNumberCountryCategoryInfoType" }),
    ),
  })
  .meta({ id: "PhoneNumberCountryInfoType" });

const CATEGORY_NAMES: Record<string, string> = { GEOGRAPHIC: "Geographic", MOBILE: "Mobile", TOLLFREE: "Toll-free" };

export const getPhoneNumberCategories = defineMethod({
  name: "GetPhoneNumberCategories",
  group: GROUP,
  summary: "The catalogue's countries with the number categories each offers.",
  params: z.object({
    country_code: w.stringList(z.string().trim().toUpperCase(), { description: "Only these countries" }).optional(),
    sandbox: w.optionalText(z.string().max(20), "Accepted for compatibility"),
    locale: w.optionalText(z.string().max(10), "Accepted for compatibility: names are in English"),
  }),
  response: okResponse(z.array(ZPhoneNumberCountryInfo)),
  async handler(p, { actor }) {
    const countries = catalogueCountries(actor).filter((c) => !p.country_code || p.country_code.includes(c.code));
    return ok(
      countries.map((c) => ({
        country_code: c.code,
        localized_country_name: c.name,
        phone_prefix: c.dialCode,
        can_list_phone_numbers: true,
        phone_categories: [...new Set(c.regions.map((r) => r.category))].map((cat) => ({
          phone_category_name: cat,
          country_has_states: c.regions.some((r) => r.category === cat && r.state !== null),
          localized_phone_category_name: CATEGORY_NAMES[cat] ?? cat,
        })),
      })),
    );
  },
});

export const getPhoneNumberCountryStates = defineMethod({
  name: "GetPhoneNumberCountryStates",
  group: GROUP,
  summary: "The states of a country that has them, for a category.",
  params: z.object({
    country_code: countryParam,
    phone_category_name: w.text(z.enum(NUMBER_CATEGORIES), { description: "The number category" }),
    country_state: w.optionalText(z.string().max(8), "Only this state"),
  }),
  response: okResponse(z.array(z.object({ country_state: z.string(), country_state_name: z.string() }).meta({ id: "PhoneNumberCountryStateInfoType" }))),
  errors: NUMBER_ERRORS,
  async handler(p, { actor }) {
    const regions = await catalogueRegions(actor, { countryCode: p.country_code, category: p.phone_category_name });
    const country = countryByCode(p.country_code);
    const codes = new Set(regions.map((r) => r.state).filter((s): s is string => !!s));
    const states = (country?.states ?? []).filter((s) => codes.has(s.code) && (!p.country_state || s.code === p.country_state));
    return ok(states.map((s) => ({ country_state: s.code, country_state_name: s.name })));
  },
});

export const ZPhoneNumberRegionInfo = z
  .object({
    phone_region_id: z.number().int(),
    phone_region_name: z.string(),
    phone_region_code: z.string(),
    phone_count: z.number().int().meta({ description: "Numbers still available in the region" }),
    verification_status: z.string().optional(),
    required_verification: z.string().optional(),
    phone_period: z.string(),
    is_sms_supported: z.boolean(),
    localized_country_name: z.string(),
    localized_phone_category_name: z.string(),
    localized_phone_region_name: z.string(),
    phone_installation_tax_reserve: z.number(),
    phone_tax_reserve: z.number(),
    account_price: z.number(),
    account_installation_price: z.number(),
    account_currency: z.string(),
  })
  .meta({ id: "PhoneNumberCountryRegionInfoType" });

export const getPhoneNumberRegions = defineMethod({
  name: "GetPhoneNumberRegions",
  group: GROUP,
  summary: "The regions of a country and category, with prices and how many numbers each still has.",
  params: z.object({
    country_code: countryParam,
    phone_category_name: w.text(z.enum(NUMBER_CATEGORIES), { description: "The number category" }),
    country_state: w.optionalText(z.string().max(8), "Only regions of this state"),
    omit_empty: w.bool({ description: "Leave out regions without available numbers" }).optional(),
    phone_region_id: w.int({ min: 1, description: "Only this region" }).optional(),
    phone_region_name: w.optionalText(z.string().max(100), "Only regions whose name contains this"),
    phone_region_code: w.optionalText(z.string().max(20), "Only the region with this prefix"),
    locale: w.optionalText(z.string().max(10), "Accepted for compatibility: names are in English"),
  }),
  response: okResponse(z.array(ZPhoneNumberRegionInfo)),
  errors: NUMBER_ERRORS,
  async handler(p, { actor, clock }) {
    const country = countryByCode(p.country_code);
    const regions = (await catalogueRegions(actor, { countryCode: p.country_code, category: p.phone_category_name, state: p.country_state }, clock)).filter(
      (r) =>
        (!p.omit_empty || r.available > 0) &&
        (p.phone_region_id === undefined || r.id === p.phone_region_id) &&
        (!p.phone_region_name || r.name.toLowerCase().includes(p.phone_region_name.toLowerCase())) &&
        (!p.phone_region_code || r.prefix === p.phone_region_code),
    );
    return ok(
      regions.map((r) => ({
        phone_region_id: r.id,
        phone_region_name: r.name,
        phone_region_code: r.prefix,
        phone_count: r.available,
        ...(country?.verificationRequired ? { required_verification: "REGULAR" } : {}),
        phone_period: PERIOD_MONTH,
        is_sms_supported: r.smsSupported,
        localized_country_name: country?.name ?? r.countryCode,
        localized_phone_category_name: CATEGORY_NAMES[r.category] ?? r.category,
        localized_phone_region_name: r.name,
        phone_installation_tax_reserve: 0,
        phone_tax_reserve: 0,
        account_price: money(r.monthlyPriceMinor),
        account_installation_price: money(r.setupPriceMinor),
        account_currency: "USD",
      })),
    );
  },
});

export const attachPhoneNumber = defineMethod({
  name: "AttachPhoneNumber",
  group: GROUP,
  summary:
    "Buys numbers: the named phone_number list, or phone_count numbers of a region (country_code, phone_category_name, phone_region_id). All or nothing; each costs its setup fee and first month's rent (601 when the balance cannot cover it, 604 when the country needs a verified account).",
  params: z.object({
    country_code: countryParam.optional(),
    phone_category_name: categoryParam,
    phone_region_id: w.int({ min: 1, description: "The region to take phone_count numbers from" }).optional(),
    phone_count: w.int({ min: 1, max: 50, description: "How many numbers of the region (default 1)" }).optional(),
    phone_number: phoneNumbers,
    country_state: w.optionalText(z.string().max(8), "Accepted for compatibility"),
    regulation_address_id: w.int({ min: 1, description: "Accepted for compatibility" }).optional(),
  }),
  response: z.object({
    result: z.literal(1),
    phone_numbers: z.array(
      z
        .object({ phone_id: z.number().int(), phone_number: z.string(), required_verification: z.string().optional(), verification_status: z.string().optional() })
        .meta({ id: "NewAttachedPhoneInfoType" }),
    ),
  }),
  errors: NUMBER_ERRORS,
  async handler(p, { actor, clock }) {
    let bought: AccountNumberDto[];
    if (p.phone_number) bought = await buyNumbers(actor, { numbers: p.phone_number.map(e164) }, clock);
    else if (p.phone_region_id !== undefined) bought = await buyNumbers(actor, { regionId: p.phone_region_id, count: p.phone_count ?? 1 }, clock);
    else throw new ApiError(API_ERROR.SPECIFY_PARAM, "Specify the 'phone_number' parameter, or 'phone_region_id' (with 'phone_count')");
    return done({
      phone_numbers: bought.map((n) => ({
        phone_id: n.id,
        phone_number: n.number.replace(/^\+/, ""),
        ...(countryByCode(n.countryCode)?.verificationRequired ? { required_verification: "REGULAR", verification_status: "VERIFIED" } : {}),
      })),
    });
  },
});

export const bindPhoneNumberToApplication = defineMethod({
  name: "BindPhoneNumberToApplication",
  group: GROUP,
  summary: "Attaches numbers to an application (bind=true, the default) or detaches them (bind=false).",
  params: z.object({
    phone_id: phoneIds,
    phone_number: phoneNumbers,
    ...appRefParams,
    rule_id: w.id(API_ERROR.INVALID_RULE, { description: "The application's rule that answers the numbers' calls (default: the first rule whose pattern matches)" }).optional(),
    rule_name: w.optionalText(z.string().max(100), "The application's rule, by name, that answers the numbers' calls"),
    bind: w.bool({ description: "true: attach (default); false: detach" }).optional(),
  }),
  oneOf: [PHONE_ONE_OF, APP_REF_ONE_OF(false)],
  response: DONE_RESPONSE,
  errors: NUMBER_ERRORS,
  async handler(p, { actor }) {
    const numberIds = await resolveNumberIds(actor, p);
    const bind = p.bind ?? true;
    if (bind && p.application_id === undefined && p.application_name === undefined) {
      throw new ApiError(API_ERROR.SPECIFY_PARAM, "Specify the 'application_id' or 'application_name' parameter to bind numbers");
    }
    const app = bind ? await resolveAppRef(actor, p) : null;
    const named = p.rule_id ?? p.rule_name;
    if (named !== undefined && !app) throw new ApiError(API_ERROR.SPECIFY_PARAM, "A rule is chosen when binding: send bind=true with the application");
    const rule = named !== undefined && app ? await resolveRule(actor, { id: p.rule_id, name: p.rule_name, applicationId: app.id }) : undefined;
    await attachNumbers(actor, { numberIds, applicationId: app?.id ?? null, ...(rule ? { ruleId: rule.id } : {}) });
    return done();
  },
});

export const deactivatePhoneNumber = defineMethod({
  name: "DeactivatePhoneNumber",
  group: GROUP,
  summary: "Releases numbers: they go back to the catalogue at once, without refund.",
  params: z.object({ phone_id: phoneIds, phone_number: phoneNumbers }),
  oneOf: [PHONE_ONE_OF],
  response: DONE_RESPONSE,
  errors: NUMBER_ERRORS,
  async handler(p, { actor }) {
    await deactivateNumbers(actor, { numberIds: await resolveNumberIds(actor, p) });
    return done();
  },
});

export const setPhoneNumberInfo = defineMethod({
  name: "SetPhoneNumberInfo",
  group: GROUP,
  summary: "Changes numbers' settings: the inbound SMS callback URL and (ours) auto-renewal and the label.",
  params: z.object({
    phone_id: phoneIds,
    phone_number: phoneNumbers,
    incoming_sms_callback_url: w.text(z.string().max(2000), { description: "Where inbound SMS are posted (http or https; empty: none)" }).optional(),
    auto_charge: w.bool({ description: "(ours) Renew the number every month" }).optional(),
    phone_label: w.text(z.string().max(100), { description: "(ours) A label shown in the panel" }).optional(),
  }),
  oneOf: [PHONE_ONE_OF],
  response: DONE_RESPONSE,
  errors: { fields: { ...NUMBER_ERRORS.fields, incomingSmsCallbackUrl: "incoming_sms_callback_url", autoRenew: "auto_charge", label: "phone_label" } },
  async handler(p, { actor }) {
    await updateNumberSettings(actor, {
      numberIds: await resolveNumberIds(actor, p),
      incomingSmsCallbackUrl: p.incoming_sms_callback_url,
      autoRenew: p.auto_charge,
      label: p.phone_label,
    });
    return done();
  },
});

const ORDER_BY = { phone_number: "number", phone_id: "id", phone_next_renewal: "nextRenewalAt", phone_purchase_date: "purchasedAt", phone_price: "monthlyPriceMinor" } as const;

export const getPhoneNumbers = defineMethod({
  name: "GetPhoneNumbers",
  group: GROUP,
  summary: "Lists the account's numbers, filtered and paged (by number unless order_by says otherwise).",
  params: z.object({
    phone_id: phoneIds,
    phone_number: phoneNumbers,
    ...appRefParams,
    is_bound_to_application: w.bool({ description: "Only numbers attached (true) or not attached (false) to an application" }).optional(),
    phone_template: w.optionalText(ZMask, "Digits the number must contain; '*' matches anything"),
    country_code: w.stringList(z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/), { description: "Only numbers of these countries" }).optional(),
    phone_category_name: categoryParam,
    canceled: w.bool({ description: "Only numbers that will not renew (true) or will (false)" }).optional(),
    auto_charge: w.bool({ description: "Only numbers that renew (true) or not (false)" }).optional(),
    can_be_used: w.bool({ description: "Only usable (active, true) or blocked (false) numbers" }).optional(),
    order_by: w.optionalText(z.enum(["phone_number", "phone_id", "phone_next_renewal", "phone_purchase_date", "phone_price"]), "The sort order"),
    ...w.paging,
  }),
  oneOf: [APP_REF_ONE_OF(false)],
  response: listResponse(ZAttachedPhoneInfo),
  errors: NUMBER_ERRORS,
  async handler(p, { actor }) {
    const app = await resolveOptionalAppRef(actor, p);
    const autoRenew = p.auto_charge ?? (p.canceled === undefined ? undefined : !p.canceled);
    const { items, total } = await listAccountNumbers(actor, {
      ids: p.phone_id,
      numbers: p.phone_number?.map(e164),
      digits: p.phone_template || undefined,
      applicationId: app?.id,
      attached: p.is_bound_to_application,
      countryCodes: p.country_code,
      category: p.phone_category_name,
      autoRenew,
      statuses: p.can_be_used === undefined ? undefined : p.can_be_used ? ["active"] : ["blocked"],
      orderBy: ORDER_BY[p.order_by ?? "phone_number"],
      offset: p.offset,
      count: p.count,
    });
    return page(items.map(attachedPhoneInfo), total);
  },
});

export const isAccountPhoneNumber = defineMethod({
  name: "IsAccountPhoneNumber",
  group: GROUP,
  summary: "Whether a number belongs to the account.",
  params: z.object({ phone_number: w.text(z.string().trim().min(1).max(20), { description: "The number (E.164, with or without '+')" }) }),
  response: okResponse(z.boolean()),
  async handler(p, { actor }) {
    return ok(await isAccountNumber(actor, e164(p.phone_number)));
  },
});

export const getAccountPhoneNumberCountries = defineMethod({
  name: "GetAccountPhoneNumberCountries",
  group: GROUP,
  summary: "The countries the account holds numbers in (attached to these applications, when given).",
  params: z.object({ application_id: w.intList({ apiCode: API_ERROR.INVALID_APPLICATION_ID, description: "Only numbers attached to these applications" }).optional() }),
  response: okResponse(z.array(z.string())),
  async handler(p, { actor }) {
    return ok(await accountNumberCountries(actor, p.application_id));
  },
});

// PSTN blacklist.

const BLACKLIST_GROUP = "PSTN blacklist";
const BLACKLIST_ERRORS: ErrorMapping = { fields: { entryId: "pstn_blacklist_id", phone: "pstn_blacklist_phone" } };
const blacklistId = w.id(API_ERROR.INVALID_BLACKLIST_ENTRY, { description: "The blacklist entry's id" });

export const ZPstnBlackListInfo = z.object({ pstn_blacklist_id: z.number().int(), pstn_blacklist_phone: z.string() }).meta({ id: "PstnBlackListInfoType" });

/** "+1900*" on the wire is our prefix entry "+1900". */
function blacklistInput(raw: string) {
  const prefix = raw.trim().endsWith("*");
  return { phone: prefix ? raw.trim().slice(0, -1) : raw, isPrefix: prefix };
}

export const addPstnBlackListItem = defineMethod({
  name: "AddPstnBlackListItem",
  group: BLACKLIST_GROUP,
  summary: "Refuses inbound calls from a number (or, ending in '*', every number with that prefix).",
  params: z.object({ pstn_blacklist_phone: w.text(z.string().trim().min(1).max(20), { description: "The number, or a prefix ending in '*'" }) }),
  response: okResponse(z.literal(1), { pstn_blacklist_id: z.number().int() }),
  errors: BLACKLIST_ERRORS,
  async handler(p, { actor }) {
    const entry = await addBlacklistEntry(actor, blacklistInput(p.pstn_blacklist_phone));
    return done({ pstn_blacklist_id: entry.id });
  },
});

export const setPstnBlackListItem = defineMethod({
  name: "SetPstnBlackListItem",
  group: BLACKLIST_GROUP,
  summary: "Changes a blacklist entry's number.",
  params: z.object({ pstn_blacklist_id: blacklistId, pstn_blacklist_phone: w.text(z.string().trim().min(1).max(20), { description: "The new number, or a prefix ending in '*'" }) }),
  response: DONE_RESPONSE,
  errors: BLACKLIST_ERRORS,
  async handler(p, { actor }) {
    await updateBlacklistEntry(actor, { entryId: p.pstn_blacklist_id, ...blacklistInput(p.pstn_blacklist_phone) });
    return done();
  },
});

export const delPstnBlackListItem = defineMethod({
  name: "DelPstnBlackListItem",
  group: BLACKLIST_GROUP,
  summary: "Removes a blacklist entry.",
  params: z.object({ pstn_blacklist_id: blacklistId }),
  response: DONE_RESPONSE,
  errors: BLACKLIST_ERRORS,
  async handler(p, { actor }) {
    await deleteBlacklistEntry(actor, { entryId: p.pstn_blacklist_id });
    return done();
  },
});

export const getPstnBlackList = defineMethod({
  name: "GetPstnBlackList",
  group: BLACKLIST_GROUP,
  summary: "The account's PSTN blacklist, by number; prefix entries end in '*'.",
  params: z.object({
    pstn_blacklist_id: blacklistId.optional(),
    pstn_blacklist_phone: w.optionalText(z.string().max(20), "Only entries containing these digits"),
    ...w.paging,
  }),
  response: listResponse(ZPstnBlackListInfo),
  errors: BLACKLIST_ERRORS,
  async handler(p, { actor }) {
    const { items, total } = await listBlacklist(actor, {
      entryId: p.pstn_blacklist_id,
      phonePart: p.pstn_blacklist_phone?.replace(/[^\d+]/g, ""),
      offset: p.offset,
      count: p.count,
    });
    return page(items.map((e) => ({ pstn_blacklist_id: e.id, pstn_blacklist_phone: e.isPrefix ? `${e.phone}*` : e.phone })), total);
  },
});

export const phoneNumberMethods: RegisteredMethod[] = [
  getNewPhoneNumbers,
  getPhoneNumberCategories,
  getPhoneNumberCountryStates,
  getPhoneNumberRegions,
  attachPhoneNumber,
  bindPhoneNumberToApplication,
  deactivatePhoneNumber,
  setPhoneNumberInfo,
  getPhoneNumbers,
  isAccountPhoneNumber,
  getAccountPhoneNumberCountries,
  addPstnBlackListItem,
  setPstnBlackListItem,
  delPstnBlackListItem,
  getPstnBlackList,
] as RegisteredMethod[];
