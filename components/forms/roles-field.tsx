"use client";
import { useId } from "react";
import type { RoleOption } from "@/lib/domains/subusers/role-options";

/** The roles picker: a checkbox per grantable role, labelled by the role and described by what it is for. */
export function RolesField({
  options,
  defaultValue,
  error,
  description,
  emptyMessage = "There are no roles to grant.",
  legend = "Roles",
}: {
  options: RoleOption[];
  defaultValue?: readonly string[];
  error?: string;
  description: React.ReactNode;
  emptyMessage?: string;
  legend?: string;
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={[`${id}-description`, error ? `${id}-error` : null].filter(Boolean).join(" ")} aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <p id={`${id}-description`} className="mb-2 text-xs text-slate-600">
        {description}
      </p>
      {options.length > 0 ? (
        <div className="grid gap-x-4 gap-y-3 rounded-md p-3 ring-1 ring-slate-200 sm:grid-cols-2">
          {options.map((o) => (
            <div key={o.role} className="flex items-start gap-2" title={o.reach}>
              <input
                id={`${id}-${o.role}`}
                type="checkbox"
                name="roles"
                value={o.role}
                defaultChecked={defaultValue?.includes(o.role)}
                aria-describedby={`${id}-${o.role}-hint`}
                className="mt-0.5 size-4 shrink-0 rounded border-slate-400 accent-brand-600"
              />
              <div className="text-sm">
                <label htmlFor={`${id}-${o.role}`} className="font-medium text-slate-800">
                  {o.role}
                </label>
                <p id={`${id}-${o.role}-hint`} className="text-xs text-slate-600" data-role-description={o.role}>
                  {o.hint}
                </p>
              </div>
            </div>
          ))}
        </div>
      ) : (
        <p className="text-sm text-slate-600">{emptyMessage}</p>
      )}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700" data-field-error="roles">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The roles a form's checkboxes hold. */
export const checkedRoles = (form: FormData) => form.getAll("roles").map(String);
