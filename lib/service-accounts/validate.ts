// Domain functions validate their own input, so the Management API gets exactly the panel's
// rules; the first issue becomes INVALID_INPUT naming its field, with its API code (default 101).
import type { z } from "zod";
import { AppError } from "@/lib/errors";

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
