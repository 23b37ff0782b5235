import { useId } from "react";
import { cn } from "@/lib/core/cn";

const inputClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-500";

type FieldProps = {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  children?: never;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "children">;

/** A labelled input whose error sits under it, tied by aria-describedby. */
export function Field({ label, name, error, hint, className, ...props }: FieldProps) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={inputClass} {...props} />
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-600" data-field-error={name}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type TextAreaProps = { label: string; name: string; error?: string } & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name">;

export function TextAreaField({ label, name, error, className, ...props }: TextAreaProps) {
  const id = useId();
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea id={id} name={name} rows={3} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className={inputClass} {...props} />
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-600" data-field-error={name}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type CheckboxProps = { label: string; name: string; description?: string } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "type">;

export function CheckboxField({ label, name, description, ...props }: CheckboxProps) {
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <input id={id} name={name} type="checkbox" className="mt-0.5 size-4 rounded border-slate-300 text-brand-600" {...props} />
      <label htmlFor={id} className="text-sm text-slate-700">
        {label}
        {description ? <span className="block text-xs text-slate-500">{description}</span> : null}
      </label>
    </div>
  );
}

/** The form-level error, announced to screen readers. */
export function FormError({ message }: { message?: string }) {
  return (
    <div aria-live="polite" role="status">
      {message ? <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-form-error>{message}</p> : null}
    </div>
  );
}

export { inputClass };
