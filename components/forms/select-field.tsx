// A labelled <select> in the form kit's style (./fields.tsx): its hint and its
// error under it, tied by aria-describedby.
import { useId } from "react";
import { cn } from "@/lib/core/cn";
import { inputClass } from "./fields";

type SelectFieldProps = {
  label: string;
  name: string;
  error?: string;
  hint?: React.ReactNode;
  children: React.ReactNode;
} & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name">;

export function SelectField({ label, name, error, hint, className, children, ...props }: SelectFieldProps) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : null, hint && !error ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={inputClass} {...props}>
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
