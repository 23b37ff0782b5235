// Domain functions validate their own input, so the Management API and every other caller get
// exactly the panel's rules. Issues carry their Management API code in `params.apiCode`.
import type { z } from "zod";
import { AppError } from "@/lib/core/errors";

/** Adds a custom zod issue carrying a Management API error code. */
export function apiIssue(ctx: z.RefinementCtx, message: string, apiCode: number): void {
  ctx.addIssue({ code: "custom", message, params: { apiCode } });
}

/** Parses `raw` or throws INVALID_INPUT naming the first bad field, with its API code (default 101). */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const params = first && "params" in first ? (first.params as { apiCode?: unknown } | undefined) : undefined;
  throw new AppError("INVALID_INPUT", {
    message: first?.message ?? "Invalid input",
    field: first?.path.map(String).join(".") || undefined,
    apiCode: typeof params?.apiCode === "number" ? params.apiCode : 101,
  });
}
