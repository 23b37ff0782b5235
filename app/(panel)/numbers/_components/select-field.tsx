// A labelled <select> in the form kit's manner: its hint or error under it, tied by
// aria-describedby, the error marked aria-invalid (components/forms/fields.tsx has inputs only).
import { useId } from "react";
import { cn } from "@/lib/core/cn";

export function SelectField({
  label,
  name,
  error,
  hint,
  className,
  children,
  ...props
}: { label: string; name: string; error?: string; hint?: React.ReactNode; children: React.ReactNode } & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name">) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="block w-full rounded-md border-0 bg-white py-2 pl-3 pr-8 text-sm text-slate-900 ring-1 ring-inset ring-slate-400 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-600"
        {...props}
      >
        {children}
      </select>
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-700" data-field-error={name}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
