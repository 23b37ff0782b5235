"use client";
import { useId } from "react";
import type { RoleOption } from "@/lib/domains/subusers/role-options";

/** A checkbox per grantable role, each labelled by the role and described by what it opens. */
export function RolesField({
  options,
  defaultValue,
  error,
  description,
  emptyMessage = "There are no roles to grant.",
}: {
  options: RoleOption[];
  defaultValue?: readonly string[];
  error?: string;
  description: React.ReactNode;
  emptyMessage?: string;
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium text-slate-700">Roles</legend>
      <p className="mb-2 text-xs text-slate-500">{description}</p>
      {options.length > 0 ? (
        <div className="grid max-h-64 gap-2 overflow-y-auto rounded-md p-2 ring-1 ring-slate-200 sm:grid-cols-2">
          {options.map((o) => (
            <div key={o.role} className="flex items-start gap-2" title={o.titles.join(", ")}>
              <input
                id={`${id}-${o.role}`}
                type="checkbox"
                name="roles"
                value={o.role}
                defaultChecked={defaultValue?.includes(o.role)}
                aria-describedby={`${id}-${o.role}-hint`}
                className="mt-0.5 size-4 rounded border-slate-300 text-brand-600"
              />
              <div className="text-sm">
                <label htmlFor={`${id}-${o.role}`} className="font-medium text-slate-800">
                  {o.role}
                </label>
                <p id={`${id}-${o.role}-hint`} className="text-xs text-slate-500">
                  {o.hint}
                </p>
              </div>
            </div>
          ))}
        </div>
      ) : (
        <p className="text-sm text-slate-500">{emptyMessage}</p>
      )}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-600" data-field-error="roles">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
