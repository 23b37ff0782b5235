// A message's statuses: pure constants, safe to import from a client component (schemas.ts
// brings zod).

export const SMS_STATUSES = ["queued", "sent", "delivered", "failed", "received"] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];
