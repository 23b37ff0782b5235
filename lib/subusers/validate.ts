// Mutations validate their own input, so the Management API and any other caller get the same
// rules as the panel's server actions (which validate first to show every field's error).
import type { z } from "zod";
import { AppError } from "@/lib/errors";

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
