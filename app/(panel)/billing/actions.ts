"use server";
// Billing's server actions: top-ups through the payment simulator, the billing settings, the
// demo's "Run billing day", and account verification (billing.verification). The documents
// themselves are uploaded through a route handler (./verification/documents/route.ts): a file is
// not an argument action() or scripts/action-gate.mjs take.
import { z } from "zod";
import { action } from "@/lib/server/action";
import { AppError } from "@/lib/core/errors";
import {
  cancelTopUp,
  confirmTopUp,
  createTopUp,
  deleteVerificationDocument,
  reviewVerification,
  saveVerificationDetails,
  submitVerification,
  updateBillingSettings,
  type PaymentDto,
} from "@/lib/domains/billing/mutations";
import { runBillingDay } from "@/lib/domains/phone-numbers/mutations";
import {
  ZBillingSettingsForm,
  ZPaymentRef,
  ZTopUpForm,
  ZVerificationDetailsInput,
  ZVerificationDocumentRef,
  ZVerificationReviewInput,
} from "@/lib/domains/billing/schemas";

/** What a top-up's form learns about its payment (dates stay on the server). */
export type PaymentResult = Pick<PaymentDto, "id" | "status" | "amountMinor" | "currency" | "cardBrand" | "cardLast4" | "receiptNumber">;

const paymentResult = (p: PaymentDto): PaymentResult => ({
  id: p.id,
  status: p.status,
  amountMinor: p.amountMinor,
  currency: p.currency,
  cardBrand: p.cardBrand,
  cardLast4: p.cardLast4,
  receiptNumber: p.receiptNumber,
});

/**
 * A top-up (amount in major units). A declined card is recorded as a declined payment (the
 * account's payment history keeps the attempt) and answered as an error under the card field;
 * nothing is credited. A card that needs confirmation answers its pending payment, for the
 * form's second step.
 */
export const topUpAction = action({ section: "billing", input: ZTopUpForm }, async ({ amount, ...card }, actor) => {
  const payment = await createTopUp(actor, { amountMinor: amount, ...card });
  if (payment.status === "declined") throw new AppError("INVALID_INPUT", { field: "cardNumber", message: payment.declineReason || "Your card was declined." });
  return paymentResult(payment);
});

export const confirmTopUpAction = action({ section: "billing", input: ZPaymentRef }, async (input, actor) => paymentResult(await confirmTopUp(actor, input)));

export const cancelTopUpAction = action({ section: "billing", input: ZPaymentRef }, async (input, actor) => paymentResult(await cancelTopUp(actor, input)));

/** The low-balance threshold and (the account owner's alone; the domain refuses anyone else) the credit limit. */
export const updateBillingSettingsAction = action({ section: "billing", input: ZBillingSettingsForm }, (input, actor) =>
  updateBillingSettings(actor, {
    lowBalanceThresholdMinor: input.lowBalanceThreshold,
    ...(input.creditLimit !== undefined ? { creditLimitMinor: input.creditLimit } : {}),
  }),
);

/** The demo's "Run billing day": the account's renewals as of its next due date; the report for the panel. */
export const runBillingDayAction = action({ section: "billing", input: z.object({}) }, async (_input, actor) => {
  const { asOf, ...report } = await runBillingDay(actor);
  return { ...report, asOf: asOf.toISOString() };
});

export const saveVerificationDetailsAction = action({ section: "billing.verification", input: ZVerificationDetailsInput }, (input, actor) =>
  saveVerificationDetails(actor, input),
);

export const deleteVerificationDocumentAction = action({ section: "billing.verification", input: ZVerificationDocumentRef }, (input, actor) =>
  deleteVerificationDocument(actor, input),
);

export const submitVerificationAction = action({ section: "billing.verification", input: z.object({}) }, (_input, actor) => submitVerification(actor));

/** The demo's simulated review: the account owner's own login only (the domain's rule, isAccountOwner). */
export const reviewVerificationAction = action({ section: "billing.verification", input: ZVerificationReviewInput }, (input, actor) =>
  reviewVerification(actor, input),
);
