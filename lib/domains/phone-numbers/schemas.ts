// Phone number inputs, shared by the panel's pages and actions, the domain functions and the
// Management API (GetNewPhoneNumbers, AttachPhoneNumber, GetPhoneNumbers, ...).
import { z } from "zod";
import { safeText, zId } from "@/lib/core/validate";
import { ZApplicationId } from "@/lib/domains/applications/schemas";
import { NUMBER_CATEGORIES } from "./catalogue";
import { ZRuleId } from "@/lib/domains/rules/schemas";
import { NUMBER_LABEL_MAX } from "./limits";

/** Ours: how long a reservation holds a number for the account before it must be bought. */
export const RESERVATION_DAYS = 7;
/** Ours: how long a number blocked for unpaid rent stays the account's before it is released. */
export const BLOCKED_GRACE_DAYS = 7;
/** Ours: at most this many numbers in one purchase, reservation or bulk action. */
export const MAX_NUMBERS_PER_ACTION = 50;

export const NUMBER_STATUSES = ["available", "reserved", "active", "blocked"] as const;
export type NumberStatus = (typeof NUMBER_STATUSES)[number];

export const ZPhoneNumberId = zId("Invalid phone number id", "phone_number_not_found");
export const ZNumberIds = z.array(ZPhoneNumberId, { error: "Choose at least one number" }).min(1, "Choose at least one number").max(MAX_NUMBERS_PER_ACTION, `At most ${MAX_NUMBERS_PER_ACTION} numbers at a time`);

export const ZCountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, "Choose a country (two-letter code)");

export const ZCategory = z.enum(NUMBER_CATEGORIES, { error: `Category must be one of ${NUMBER_CATEGORIES.join(", ")}` });

/** "contains 777": the digits a number must contain (spaces and a leading + are ignored). */
export const ZNumberPattern = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s+()-]/g, ""))
  .pipe(z.string().regex(/^\d{0,15}$/, "A pattern is digits only, e.g. 777"));

/** The buy page and GetNewPhoneNumbers. */
export const ZSearchAvailableInput = z.object({
  countryCode: ZCountryCode,
  category: ZCategory.optional(),
  regionId: z.number().int().positive().optional(),
  state: z.string().trim().max(8).optional(),
  digits: ZNumberPattern.optional(),
  offset: z.number().int().min(0).default(0),
  count: z.number().int().min(1).max(1000).default(20),
});
export type SearchAvailableInput = z.input<typeof ZSearchAvailableInput>;

/** Buying: chosen numbers (by id or E.164), or `count` numbers of one region. All or nothing. */
export const ZBuyNumbersInput = z.union([
  z.strictObject({ numberIds: ZNumberIds }),
  z.strictObject({ numbers: z.array(z.string().trim().min(1).max(20)).min(1).max(MAX_NUMBERS_PER_ACTION) }),
  z.strictObject({ regionId: z.number().int().positive(), count: z.number().int().min(1).max(MAX_NUMBERS_PER_ACTION).default(1) }),
]);
export type BuyNumbersInput = z.input<typeof ZBuyNumbersInput>;

export const ZReserveNumbersInput = z.object({ numberIds: ZNumberIds });
export type ReserveNumbersInput = z.input<typeof ZReserveNumbersInput>;

export const ZNumberRef = z.object({ numberId: ZPhoneNumberId });
export type NumberRef = z.input<typeof ZNumberRef>;

export const ZNumberIdsInput = z.object({ numberIds: ZNumberIds });
export type NumberIdsInput = z.input<typeof ZNumberIdsInput>;

/** Attach to an application (or detach with applicationId null). */
/**
 * Attach (an application) or detach (null). `ruleId`: the application's rule that answers the
 * numbers' calls (null: the first rule whose pattern matches); left out, a number that stays in
 * the same application keeps its rule and one that moves gets none.
 */
export const ZAttachNumbersInput = z.object({ numberIds: ZNumberIds, applicationId: ZApplicationId.nullable(), ruleId: ZRuleId.nullable().optional() });
export type AttachNumbersInput = z.input<typeof ZAttachNumbersInput>;

/** A number's settings page (numbers.parameters) and SetPhoneNumberInfo. */
export const ZNumberSettingsInput = z.object({
  numberIds: ZNumberIds,
  label: z.string().trim().max(NUMBER_LABEL_MAX, `Label must be at most ${NUMBER_LABEL_MAX} characters`).superRefine(safeText("Label")).optional(),
  autoRenew: z.boolean().optional(),
  smsEnabled: z.boolean().optional(),
  /** The rule of the number's application that answers its calls; null: the first rule whose pattern matches. */
  ruleId: ZRuleId.nullable().optional(),
  incomingSmsCallbackUrl: z
    .string()
    .trim()
    .max(2000)
    .refine((v) => v === "" || /^https?:\/\/[^\s]+$/i.test(v), "Give an http(s) URL, or leave it empty")
    .optional(),
});
export type NumberSettingsInput = z.input<typeof ZNumberSettingsInput>;

export const ACCOUNT_NUMBER_SORTS = ["number", "countryCode", "nextRenewalAt", "purchasedAt", "monthlyPriceMinor", "id"] as const;
export type AccountNumberSort = (typeof ACCOUNT_NUMBER_SORTS)[number];

/** The account's numbers: /numbers and GetPhoneNumbers. */
export const ZListAccountNumbersInput = z.object({
  ids: z.array(ZPhoneNumberId).max(1000).optional(),
  numbers: z.array(z.string().trim().max(20)).max(1000).optional(),
  /** Digits the number contains. */
  digits: ZNumberPattern.optional(),
  applicationId: ZApplicationId.optional(),
  /** true: attached to some application; false: to none. */
  attached: z.boolean().optional(),
  countryCodes: z.array(ZCountryCode).max(50).optional(),
  category: ZCategory.optional(),
  statuses: z.array(z.enum(["active", "blocked"])).min(1).optional(),
  smsSupported: z.boolean().optional(),
  smsEnabled: z.boolean().optional(),
  autoRenew: z.boolean().optional(),
  orderBy: z.enum(ACCOUNT_NUMBER_SORTS).default("number"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  offset: z.number().int().min(0).default(0),
  count: z.number().int().min(1).max(1000).default(20),
});
export type ListAccountNumbersInput = z.input<typeof ZListAccountNumbersInput>;

/** A PSTN blacklist entry: an E.164 number, or a prefix of one ("+1900" blocks every +1 900 caller). */
export const ZBlacklistPhone = z
  .string({ error: "Enter a number or prefix" })
  .trim()
  .transform((v) => v.replace(/[\s().-]/g, ""))
  .pipe(z.string().regex(/^\+?[1-9]\d{0,14}$/, "Enter a number or prefix in international format, e.g. +1900 or +14155550123"))
  .transform((v) => (v.startsWith("+") ? v : `+${v}`));

export const ZBlacklistEntryInput = z.object({
  phone: ZBlacklistPhone,
  isPrefix: z.boolean().default(false),
  reason: z.string().trim().max(200, "Reason must be at most 200 characters").superRefine(safeText("Reason")).default(""),
});
export type BlacklistEntryInput = z.input<typeof ZBlacklistEntryInput>;

export const ZBlacklistEntryId = zId("Invalid blacklist entry id", "blacklist_entry_not_found");
export const ZUpdateBlacklistEntryInput = ZBlacklistEntryInput.partial().extend({ entryId: ZBlacklistEntryId });
export type UpdateBlacklistEntryInput = z.input<typeof ZUpdateBlacklistEntryInput>;

// The panel's inputs (app/(panel)/numbers/** actions): one number per row action, the bulk
// toolbar's lists, the settings form. The domain functions take the list forms above.

/** A row's Attach / Detach on /numbers (applicationId null detaches). */
export const ZAttachNumberInput = z.object({ numberId: ZPhoneNumberId, applicationId: ZApplicationId.nullable() });
export type AttachNumberInput = z.input<typeof ZAttachNumberInput>;

/** An application's Numbers tab: attach the picked numbers to that application. */
export const ZAttachToApplicationInput = z.object({ applicationId: ZApplicationId, numberIds: ZNumberIds });
export type AttachToApplicationInput = z.input<typeof ZAttachToApplicationInput>;

/** The bulk toolbar's "Enable SMS" / "Disable SMS". */
export const ZBulkSmsInput = z.object({ numberIds: ZNumberIds, smsEnabled: z.boolean({ error: "Choose on or off" }) });
export type BulkSmsInput = z.input<typeof ZBulkSmsInput>;

/** Buying the numbers picked on the buy page (or a reservation on /numbers/reserved). */
export const ZBuySelectedInput = z.object({ numberIds: ZNumberIds });
export type BuySelectedInput = z.input<typeof ZBuySelectedInput>;

/** A number's settings page: the settings of one number. */
export const ZNumberSettingsFormInput = ZNumberSettingsInput.omit({ numberIds: true }).extend({ numberId: ZPhoneNumberId });
export type NumberSettingsFormInput = z.input<typeof ZNumberSettingsFormInput>;

/** /numbers filters, as the URL carries them: status, SMS, application ("none": not attached), country. */
export const NUMBER_LIST_STATUSES = ["active", "blocked"] as const;
