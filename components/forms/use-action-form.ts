"use client";
// The form kit's one way to submit: React 19's useActionState over a server action made with
// action() (lib/server/action.ts), whose ActionResult carries field errors, a form error and, for
// FormData posts, the values typed. Every form and dialog of the panel uses it.
//
// - Typed input stays, passwords excepted: the form is submitted from onSubmit inside a
//   transition, which React does not follow with its automatic form reset, and a refusal clears
//   the password fields only (a cleared one asks for the password again in its placeholder);
//   before hydration the form posts natively and the action echoes the non-password values back
//   (`defaultValues`).
// - `onSuccess` runs in an effect, after React has committed the result, so the list behind a
//   dialog already shows the change when its toast appears.
// - Field errors for fields the form does not show become the form error, so none is lost.
// - After a refusal, focus moves to the first invalid field.
import { startTransition, useActionState, useEffect, useRef } from "react";
import type { ActionResult, FieldErrors, ServerAction } from "@/lib/server/action";

type AnyAction<I, T> = (input: I) => Promise<ActionResult<T>>;
type FormAction<T> = (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;
/** A server action made with action(), or any function with its calling convention. */
type Action<I, T> = ServerAction<I, T> | AnyAction<I, T>;

export type ActionFormOptions<I, T> = {
  /** FormData -> the action's typed input (dialogs). Omit to post the FormData itself (forms that must work before hydration). */
  toInput?: (form: FormData) => I;
  /** After a success has been committed. */
  onSuccess?: (data: T, form: HTMLFormElement | null) => void;
  /** The fields the form shows; errors of any other field are shown as the form error. */
  fields?: readonly string[];
};

/** What a password field cleared by a refusal shows until it is typed again. */
export const RETYPE_PASSWORD = "Type the password again";

export function useActionForm<I, T>(action: Action<I, T>, opts: ActionFormOptions<I, T> = {}) {
  const { toInput } = opts;
  const reducer: FormAction<T> = toInput
    ? (_prev, form) => (action as AnyAction<I, T>)(toInput(form))
    : (action as unknown as FormAction<T>);
  const [state, dispatch, pending] = useActionState<ActionResult<T> | null, FormData>(reducer, null);
  const formRef = useRef<HTMLFormElement>(null);
  const onSuccess = useRef(opts.onSuccess);
  useEffect(() => {
    onSuccess.current = opts.onSuccess;
  });

  useEffect(() => {
    const passwords = formRef.current?.querySelectorAll<HTMLInputElement>('input[type="password"]') ?? [];
    if (state?.ok) {
      // A form that stays open ("Create another") asks for nothing again after a success.
      for (const i of passwords) {
        if (i.dataset.placeholder === undefined) continue;
        if (i.dataset.placeholder) i.placeholder = i.dataset.placeholder;
        else i.removeAttribute("placeholder");
        delete i.dataset.placeholder;
      }
      onSuccess.current?.(state.data, formRef.current);
    }
    // A refused form keeps what was typed, except passwords (never kept, never echoed); a cleared
    // password says so, or the next submit would be refused for a field the user had filled.
    else if (state) {
      for (const i of passwords) {
        if (i.value !== "" && i.dataset.placeholder === undefined) {
          i.dataset.placeholder = i.placeholder;
          i.placeholder = RETYPE_PASSWORD;
        }
        i.value = "";
      }
      // Focus goes to the first field the refusal names, in the form's order: a keyboard or
      // screen-reader user lands on it and hears its label and error (aria-describedby). A
      // refusal shown as the form error is announced by its alert instead.
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }, [state]);

  const failure = state && !state.ok ? state : null;
  const fieldErrors: FieldErrors = {};
  const others: string[] = failure?.formError ? [failure.formError] : [];
  for (const [k, v] of Object.entries(failure?.fieldErrors ?? {})) {
    if (!opts.fields || opts.fields.includes(k)) fieldErrors[k] = v;
    else others.push(v);
  }

  return {
    state,
    pending,
    fieldErrors,
    formError: others[0],
    /** The values a no-JavaScript post sent, echoed back without passwords, for defaultValue. */
    defaultValues: failure?.values ?? {},
    formProps: {
      ref: formRef,
      action: dispatch,
      noValidate: true,
      onSubmit: (e: React.FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
        startTransition(() => dispatch(form));
      },
    },
  };
}

/** A form field's text ("" when absent). */
export const formText = (form: FormData, key: string) => String(form.get(key) ?? "");

/** A failure as one line: the form error, else the first field error. */
export function failureMessage(r: ActionResult<unknown>, fallback = "Something went wrong. Please try again."): string {
  return r.ok ? "" : (r.formError ?? Object.values(r.fieldErrors ?? {})[0] ?? fallback);
}

/**
 * A server action behind a button rather than a form (a row menu's Deactivate, End session):
 * the same useActionState, the same pending flag, and the same after-commit callbacks.
 */
export function useAction<I, T>(action: Action<I, T>, opts: { onSuccess?: (data: T) => void; onError?: (message: string) => void } = {}) {
  const [state, dispatch, pending] = useActionState<ActionResult<T> | null, I>((_prev, input) => (action as AnyAction<I, T>)(input), null);
  const callbacks = useRef(opts);
  useEffect(() => {
    callbacks.current = opts;
  });
  useEffect(() => {
    if (!state) return;
    if (state.ok) callbacks.current.onSuccess?.(state.data);
    else callbacks.current.onError?.(failureMessage(state));
  }, [state]);
  return { run: (input: I) => startTransition(() => dispatch(input)), pending, state };
}
