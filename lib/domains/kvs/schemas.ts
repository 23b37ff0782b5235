// Key-value storage inputs (Management API SetKeyValueItem and friends; the panel's KVS tab).
// Limits follow the public Voximplant reference: keys up to 200 characters of
// `[a-zA-Z0-9а-яА-ЯёЁ_\-:;.#+]`, values up to 2000, a ttl of 0 to 90 days defaulting to 30.
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { issue, safeText } from "@/lib/core/validate";
import { ZApplicationId } from "@/lib/domains/applications/schemas";

export const KV_KEY_MAX = 200;
export const KV_VALUE_MAX = 2000;
export const KV_TTL_MAX_SECONDS = 90 * 24 * 60 * 60;
export const KV_TTL_DEFAULT_SECONDS = 30 * 24 * 60 * 60;
export const KV_KEY_RE = /^[a-zA-Z0-9а-яА-ЯёЁ_\-:;.#+]*$/;

const KEY_SYMBOLS = "latin or cyrillic letters, digits and _ - : ; . # +";

/** A key pattern (a prefix): may be empty, where a method allows that. */
export const ZKvKeyPattern = z.string().superRefine((v, ctx) => {
  if (v.length > KV_KEY_MAX) return issue(ctx, `Key must be at most ${KV_KEY_MAX} characters`);
  if (!KV_KEY_RE.test(v)) issue(ctx, `Key may contain only ${KEY_SYMBOLS}`);
});

export const ZKvKey = ZKvKeyPattern.superRefine((v, ctx) => {
  if (v.length === 0) issue(ctx, "Key is required", "required_empty");
});

export const ZKvValue = z.string().superRefine((v, ctx) => {
  if (v.length > KV_VALUE_MAX) return issue(ctx, `Value must be at most ${KV_VALUE_MAX} characters`);
  safeText("Value", { multiline: true })(v, ctx);
});

export const ZKvTtl = z
  .number()
  .int()
  .superRefine((v, ctx) => {
    if (v < 0 || v > KV_TTL_MAX_SECONDS) issue(ctx, `ttl must be 0 to ${KV_TTL_MAX_SECONDS} seconds`);
  });

export const ZSetKvItemInput = z
  .object({
    applicationId: ZApplicationId,
    key: ZKvKey,
    value: ZKvValue,
    /** Seconds from now; default 30 days. */
    ttl: ZKvTtl.optional(),
    /** Unix seconds, instead of ttl; within the next 90 days (checked against the clock). */
    expiresAt: z.number().int().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.ttl !== undefined && v.expiresAt !== undefined) {
      ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "Give ttl or expires_at, not both", params: { reason: "exclusive_parameters" } });
    }
  });
export type SetKvItemInput = z.input<typeof ZSetKvItemInput>;

export const ZKvItemRef = z.object({ applicationId: ZApplicationId, key: ZKvKey });
export type KvItemRef = z.input<typeof ZKvItemRef>;

/** Lists: keys beginning with `prefix`, by key. The API caps count at 50 (the reference's limit). */
export const ZListKvInput = z.object({
  applicationId: ZApplicationId,
  prefix: ZKvKeyPattern.optional(),
  offset: z.number().int().min(0).default(0),
  count: z.number().int().min(1).max(1000).default(10),
});
export type ListKvInput = z.input<typeof ZListKvInput>;

/** Expired items are invisible everywhere (API and panel) until a write purges them. */
export function visibleKvWhere(now: Date): Prisma.KvItemWhereInput {
  return { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}
