// The fields of the form kit. Every input has a real label, its hint and its error under it
// (tied by aria-describedby, the error marked aria-invalid), so a person and a screen reader
// learn the same thing; the form-level error is announced when it appears.
import { useId } from "react";
import { CircleAlert } from "lucide-react";
import { cn } from "@/lib/core/cn";

export const inputClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-400 placeholder:text-slate-600 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-600";

type FieldProps = {
  label: string;
  name: string;
  error?: string;
  hint?: React.ReactNode;
  /** Values the browser offers as the person types (a datalist); any other may still be typed. `label`: shown beside the value. */
  suggestions?: readonly { value: string; label?: string }[];
  children?: never;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "children" | "list">;

function FieldError({ id, name, error }: { id: string; name: string; error?: string }) {
  return error ? (
    <p id={id} className="text-xs text-red-700" data-field-error={name}>
      {error}
    </p>
  ) : null;
}

/** A labelled input whose error sits under it, tied by aria-describedby. */
export function Field({ label, name, error, hint, suggestions, className, ...props }: FieldProps) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : null, hint && !error ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={inputClass} list={suggestions ? `${id}-suggestions` : undefined} {...props} />
      {suggestions ? (
        <datalist id={`${id}-suggestions`}>
          {suggestions.map((o) => (
            <option key={o.value} value={o.value} label={o.label} />
          ))}
        </datalist>
      ) : null}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} name={name} error={error} />
    </div>
  );
}

type TextAreaProps = { label: string; name: string; error?: string; hint?: React.ReactNode } & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name">;

export function TextAreaField({ label, name, error, hint, className, ...props }: TextAreaProps) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : null, hint && !error ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea id={id} name={name} rows={3} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={inputClass} {...props} />
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} name={name} error={error} />
    </div>
  );
}

type CheckboxProps = { label: string; name: string; description?: string } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "type">;

export function CheckboxField({ label, name, description, className, ...props }: CheckboxProps) {
  const id = useId();
  return (
    <div className={cn("flex items-start gap-2", className)}>
      <input
        id={id}
        name={name}
        type="checkbox"
        aria-describedby={description ? `${id}-description` : undefined}
        className="mt-0.5 size-4 shrink-0 rounded border-slate-400 accent-brand-600"
        {...props}
      />
      <div className="text-sm">
        <label htmlFor={id} className="text-slate-800">
          {label}
        </label>
        {description ? (
          <span id={`${id}-description`} className="block text-xs text-slate-600">
            {description}
          </span>
        ) : null}
      </div>
    </div>
  );
}

/** The form-level error, announced to screen readers when it appears. */
export function FormError({ message }: { message?: string }) {
  return (
    <div aria-live="assertive" role="alert" className="empty:hidden">
      {message ? (
        <p className="flex items-start gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200" data-form-error>
          <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>{message}</span>
        </p>
      ) : null}
    </div>
  );
}
