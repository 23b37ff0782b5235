import "server-only";
// Server actions are public POST endpoints. action() declares a server action's section and input
// schema so neither can be forgotten; ActionResult is what forms render. test/architecture.test.ts
// checks that every export of every actions.ts is made with action().
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { can, refusalMessage, type SectionId } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { getActor } from "@/lib/auth/actor";
import { AppError, isAppError } from "@/lib/core/errors";

export type FieldErrors = Record<string, string>;
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; formError?: string; fieldErrors?: FieldErrors };

/** zod issues -> one message per field (the first), keyed by the dotted path. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}

/** AppError / unexpected error -> the action result shown to the user. */
export function errorResult(e: unknown): { ok: false; formError?: string; fieldErrors?: FieldErrors } {
  if (isAppError(e)) {
    return e.field ? { ok: false, fieldErrors: { [e.field]: e.message } } : { ok: false, formError: e.message };
  }
  console.error("Unexpected error in server action", e);
  return { ok: false, formError: "Something went wrong. Please try again." };
}

/**
 * Declares a server action's section and input schema so neither can be forgotten. Server
 * actions are public POST endpoints: this authenticates, checks the section, validates the
 * input, then calls the domain mutation (which asserts again and scopes by tenant).
 */
export function action<S extends z.ZodType, T>(
  def: { section: SectionId; input: S },
  handler: (input: z.output<S>, actor: PanelActor) => Promise<T>,
): (raw: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      const actor = await getActor();
      if (!actor) throw new AppError("UNAUTHENTICATED", { message: "Your session has ended. Please log in again." });
      if (!can(actor, def.section)) {
        throw new AppError("FORBIDDEN", { message: refusalMessage(def.section) });
      }
      const parsed = def.input.safeParse(raw);
      if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
      const data = await handler(parsed.data, actor);
      revalidatePath("/", "layout");
      return { ok: true, data };
    } catch (e) {
      return errorResult(e);
    }
  };
}
