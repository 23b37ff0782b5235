import "server-only";
// Server actions are public POST endpoints. action() declares a server action's section and input
// schema so neither can be forgotten; ActionResult is what forms render. test/architecture.test.ts
// checks that every export of every actions.ts is made with action().
import { refresh } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { can, refusalMessage, type SectionId } from "@/lib/access/matrix";
import { isAccountOwner, OWNER_PAGES, ownerOnlyRefusal, type OwnerPage } from "@/lib/access/account-owner";
import type { PanelActor } from "@/lib/access/actor-types";
import { getActor } from "@/lib/auth/actor";
import { auditPrincipal, auditRepeated } from "@/lib/core/audit";
import { AppError, isAppError } from "@/lib/core/errors";
import { sectionTitle } from "@/lib/nav";
import { TWO_STEP_DUE_REFUSAL } from "@/lib/access/two-step-due";

export type FieldErrors = Record<string, string>;
export type ActionFailure = {
  ok: false;
  formError?: string;
  fieldErrors?: FieldErrors;
  /**
   * What a FormData post sent, without passwords, so a form rendered from this result (before
   * hydration, where React re-renders the page) shows the values typed rather than empty fields.
   */
  values?: Record<string, string>;
};
export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

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
export function errorResult(e: unknown): ActionFailure {
  if (isAppError(e)) {
    return e.field ? { ok: false, fieldErrors: { [e.field]: e.message, ...e.otherFields } } : { ok: false, formError: e.message };
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

function formOf(args: unknown[]): FormData | undefined {
  return args.find((a): a is FormData => a instanceof FormData);
}

/** A form's single-valued fields, minus anything secret: echoed back with a failure. */
export function echoedValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(formDataObject(form))) {
    if (typeof v === "string" && !/password|secret|token|key/i.test(k) && v.length <= 1000) out[k] = v;
  }
  return out;
}

/** The field error for text with a NUL in it. */
export const NUL_REFUSAL = "Must not contain a NUL character";

/**
 * The dotted path (as fieldErrorsOf keys it; "form" for the input itself) of the first string in
 * `v` that contains a NUL (U+0000), or null. No field of ours means one, and PostgreSQL cannot
 * hold it in text, so an input whose parsed value still has one is refused before the handler,
 * whatever the schema let through: a lookup or a write with it would fail there as a server error
 * (SQLite would take it). Free text says so in its own words first (safeText).
 */
export function nulPath(v: unknown, path: readonly string[] = []): string | null {
  if (typeof v === "string") return v.includes("\u0000") ? path.join(".") || "form" : null;
  if (v === null || typeof v !== "object" || path.length > 8) return null;
  // Plain objects and arrays only: a Date, a File or a byte array holds no text of the client's.
  const proto = Object.getPrototypeOf(v) as unknown;
  if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return null;
  for (const [k, child] of Object.entries(v)) {
    const found = nulPath(child, [...path, k]);
    if (found !== null) return found;
  }
  return null;
}

/**
 * A refused server action writes one "Denied" row per principal and section (or owner-only page)
 * within this long, with a count, as the API does for its refusals (docs/SECURITY.md: repeated
 * failures audited once per minute with a count): a subuser replaying another principal's action
 * shows in Logs without one row per request.
 */
export const DENIED_ACTION_AUDIT_WINDOW_MS = 60_000;

/**
 * Writes the "panel.action_denied" row for an action refused by the matrix, the owner-only rule or
 * the domain's own FORBIDDEN (a child account's role, an owner-only setting inside a section):
 * target `section` + the section id, or `page` + the owner-only page. The detail names it too (id
 * and title), so the Management API's GetAuditLog (cmd_args) and the Logs text filter reach it. A
 * log that cannot be written never changes the answer; it is reported to the operator.
 */
async function auditDenied(actor: PanelActor, target: { section: SectionId } | { owner: OwnerPage }): Promise<void> {
  const [targetType, targetId, detail] =
    "section" in target
      ? ["section", target.section, { section: target.section, title: sectionTitle(target.section) }]
      : ["page", target.owner, { page: target.owner, title: OWNER_PAGES[target.owner].title }];
  try {
    await auditRepeated(auditPrincipal(actor), { action: "panel.action_denied", targetType, targetId, detail, outcome: "denied", at: new Date() }, DENIED_ACTION_AUDIT_WINDOW_MS, {
      perTarget: true,
    });
  } catch (e) {
    console.error("Server action: could not write the refusal's audit row", e);
  }
}

/** The message every server action answers with while the account owner previews roles. */
export const PREVIEW_REFUSAL = "You are previewing the panel as other roles: nothing can be changed until you end the preview.";

type Guarded<S extends z.ZodType> = {
  section: SectionId;
  input: S;
  /**
   * The caller leaves the page on success (it deleted what the page shows): the page is not
   * rendered again in the response, where it would be a 404 that replaces the dialog before its
   * success callback can navigate away.
   */
  leavesPage?: true;
};
/** The actions of an owner-only page of ours that is not a matrix section (lib/access/account-owner.ts). */
type OwnerOnly<S extends z.ZodType> = { owner: OwnerPage; input: S };
/** `twoStepSetup`: callable by a subuser whose account requires two-step verification it has not set up yet (setting it up). */
type SignedIn<S extends z.ZodType> = { signedIn: true; input: S; twoStepSetup?: true; leavesPage?: true };
type Public<S extends z.ZodType> = { public: true; input: S };

/**
 * Declares a server action's section and input schema so neither can be forgotten. Server
 * actions are public POST endpoints: this authenticates, checks the section, validates the
 * input, then calls the domain mutation (which asserts again and scopes by tenant). Actions any
 * live session may call whatever its roles (asking the owner for access) say `signedIn: true`;
 * the actions of an owner-only page of ours (not a matrix section) say `owner: "<page>"` and
 * refuse every principal but the account owner's own login; actions that run before a login
 * exists (logging in, signing up) say `public: true` and get the actor if there is one. While the
 * account owner previews roles (lib/access/preview.ts), every action but the public ones is
 * refused before its input is read: a preview writes nothing. A principal refused by the matrix,
 * the owner-only rule or the domain writes nothing but a "Denied" row in Logs (auditDenied).
 * Parsed input with a NUL anywhere is a field error before the handler runs (nulPath). Next's
 * control flow (redirect, notFound, forbidden) passes through; expected errors become the result,
 * unexpected ones are logged and masked.
 */
export function action<S extends z.ZodType, T>(def: Guarded<S>, handler: (input: z.output<S>, actor: PanelActor) => Promise<T>): ServerAction<z.input<S>, T>;
export function action<S extends z.ZodType, T>(def: OwnerOnly<S>, handler: (input: z.output<S>, actor: PanelActor) => Promise<T>): ServerAction<z.input<S>, T>;
export function action<S extends z.ZodType, T>(def: SignedIn<S>, handler: (input: z.output<S>, actor: PanelActor) => Promise<T>): ServerAction<z.input<S>, T>;
export function action<S extends z.ZodType, T>(def: Public<S>, handler: (input: z.output<S>, actor: PanelActor | null) => Promise<T>): ServerAction<z.input<S>, T>;
export function action<S extends z.ZodType, T>(
  def: Guarded<S> | OwnerOnly<S> | SignedIn<S> | Public<S>,
  handler: (input: z.output<S>, actor: PanelActor) => Promise<T>,
): ServerAction<z.input<S>, T> {
  // What a refusal is written against in Logs (auditDenied); none for signed-in and public actions.
  const target = "section" in def ? { section: def.section } : "owner" in def ? { owner: def.owner } : null;
  const run = async (...args: unknown[]): Promise<ActionResult<T>> => {
    const form = formOf(args);
    const fail = (r: ActionFailure): ActionFailure => (form ? { ...r, values: echoedValues(form) } : r);
    // The actor once past the session and preview checks: from there on, a FORBIDDEN (the gate's
    // own, or the domain's from the handler) is a refusal written to Logs.
    let accountable: PanelActor | null = null;
    try {
      const actor = await getActor();
      if (!("public" in def)) {
        if (!actor) throw new AppError("UNAUTHENTICATED", { message: "Your session has ended. Please log in again." });
        if (actor.preview) throw new AppError("FORBIDDEN", { message: PREVIEW_REFUSAL });
        if (actor.twoStepDue && !("twoStepSetup" in def && def.twoStepSetup)) throw new AppError("FORBIDDEN", { message: TWO_STEP_DUE_REFUSAL });
        accountable = actor;
        if ("section" in def && !can(actor, def.section)) throw new AppError("FORBIDDEN", { message: refusalMessage(def.section) });
        if ("owner" in def && !isAccountOwner(actor)) throw new AppError("FORBIDDEN", { message: ownerOnlyRefusal(def.owner) });
      }
      const parsed = def.input.safeParse(form ? formDataObject(form) : args[0]);
      if (!parsed.success) return fail({ ok: false, fieldErrors: fieldErrorsOf(parsed.error) });
      const nul = nulPath(parsed.data);
      if (nul !== null) return fail({ ok: false, fieldErrors: { [nul]: NUL_REFUSAL } });
      const data = await handler(parsed.data, actor as PanelActor);
      // The caller's current page (and the shell: balance, unread count) is rendered again in
      // this action's response. Nothing is cached on the server (every page is dynamic), so
      // revalidating paths would only throw away the browser's other prefetched routes.
      if (!("leavesPage" in def && def.leavesPage)) refresh();
      return { ok: true, data };
    } catch (e) {
      unstable_rethrow(e);
      if (accountable && target && isAppError(e) && e.code === "FORBIDDEN") await auditDenied(accountable, target);
      return fail(errorResult(e));
    }
  };
  return run as ServerAction<z.input<S>, T>;
}
