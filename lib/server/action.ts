import "server-only";
// Server actions are public POST endpoints. action() declares a server action's section and input
// schema so neither can be forgotten; ActionResult is what forms render. test/architecture.test.ts
// checks that every export of every actions.ts is made with action().
import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { can, refusalMessage, type SectionId } from "@/lib/access/matrix";
import { isAccountOwner, ownerOnlyRefusal, type OwnerPage } from "@/lib/access/account-owner";
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
 * A server action as its callers see it: called with its input object (dialogs), or as a form's
 * action with `useActionState` (the previous state and the form's FormData), or as a plain
 * `<form action>` (the FormData alone). Every way ends in the same validation.
 */
export type ServerAction<I, T> = ((input: I | ActionResult<unknown> | FormData | null, form?: FormData) => Promise<ActionResult<T>>) &
  // As a plain <form action>, whose result React ignores.
  ((form: FormData) => Promise<void>);

/** A form's fields as an object: repeated names become arrays; Next's own `$ACTION_*` fields are dropped. */
export function formDataObject(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = form.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

function rawInput(args: unknown[]): unknown {
  const form = args.find((a): a is FormData => a instanceof FormData);
  return form ? formDataObject(form) : args[0];
}

type Guarded<S extends z.ZodType> = { section: SectionId; input: S };
/** The actions of an owner-only page of ours that is not a matrix section (lib/access/account-owner.ts). */
type OwnerOnly<S extends z.ZodType> = { owner: OwnerPage; input: S };
type Public<S extends z.ZodType> = { public: true; input: S };

/**
 * Declares a server action's section and input schema so neither can be forgotten. Server
 * actions are public POST endpoints: this authenticates, checks the section, validates the
 * input, then calls the domain mutation (which asserts again and scopes by tenant). Actions
 * that run before a login exists (logging in, signing up) say `public: true` instead of a
 * section and get the actor if there is one; the actions of an owner-only page of ours (not a
 * matrix section) say `owner: "<page>"` and refuse every principal but the account owner's own
 * login. Next's control flow (redirect, notFound,
 * forbidden) passes through; expected errors become the result, unexpected ones are logged and
 * masked.
 */
export function action<S extends z.ZodType, T>(def: Guarded<S>, handler: (input: z.output<S>, actor: PanelActor) => Promise<T>): ServerAction<z.input<S>, T>;
export function action<S extends z.ZodType, T>(def: OwnerOnly<S>, handler: (input: z.output<S>, actor: PanelActor) => Promise<T>): ServerAction<z.input<S>, T>;
export function action<S extends z.ZodType, T>(def: Public<S>, handler: (input: z.output<S>, actor: PanelActor | null) => Promise<T>): ServerAction<z.input<S>, T>;
export function action<S extends z.ZodType, T>(
  def: Guarded<S> | OwnerOnly<S> | Public<S>,
  handler: (input: z.output<S>, actor: PanelActor) => Promise<T>,
): ServerAction<z.input<S>, T> {
  const run = async (...args: unknown[]): Promise<ActionResult<T>> => {
    try {
      const actor = await getActor();
      if ("section" in def || "owner" in def) {
        if (!actor) throw new AppError("UNAUTHENTICATED", { message: "Your session has ended. Please log in again." });
        if ("section" in def && !can(actor, def.section)) throw new AppError("FORBIDDEN", { message: refusalMessage(def.section) });
        if ("owner" in def && !isAccountOwner(actor)) throw new AppError("FORBIDDEN", { message: ownerOnlyRefusal(def.owner) });
      }
      const parsed = def.input.safeParse(rawInput(args));
      if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
      const data = await handler(parsed.data, actor as PanelActor);
      revalidatePath("/", "layout");
      return { ok: true, data };
    } catch (e) {
      unstable_rethrow(e);
      return errorResult(e);
    }
  };
  return run as ServerAction<z.input<S>, T>;
}
