"use client";
import { Eye } from "lucide-react";
import { FormDialog } from "@/components/forms/form-dialog";
import { RolesField, checkedRoles } from "@/components/forms/roles-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import type { RoleOption } from "@/lib/domains/subusers/role-options";
import { startPreviewAction } from "../actions";

/** "Preview as roles…": pick a role set and see the panel as a subuser holding it would. */
export function PreviewRoles({ roleOptions, defaultRoles, label = "Preview as roles…" }: { roleOptions: RoleOption[]; defaultRoles?: readonly string[]; label?: string }) {
  const dialog = useDialog<"pick">();
  return (
    <>
      <Button variant="secondary" data-action="subusers.edit" data-testid="preview-roles" onClick={(e) => dialog.open("pick", e.currentTarget)}>
        <Eye className="size-4" aria-hidden />
        {label}
      </Button>
      {dialog.state ? <PreviewDialog onClose={dialog.close} returnFocusTo={dialog.opener} roleOptions={roleOptions} defaultRoles={defaultRoles} /> : null}
    </>
  );
}

function PreviewDialog({
  onClose,
  returnFocusTo,
  roleOptions,
  defaultRoles,
}: {
  onClose: () => void;
  returnFocusTo: HTMLElement | null;
  roleOptions: RoleOption[];
  defaultRoles?: readonly string[];
}) {
  const form = useActionForm(startPreviewAction, { fields: ["roles"], toInput: (f) => ({ roles: checkedRoles(f) }) });
  return (
    <FormDialog
      title="Preview the panel as roles"
      description="See the sidebar, pages and buttons exactly as a subuser holding these roles would, before you give them. Nothing can be changed while the preview is on."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      form={form}
      submitLabel="Start the preview"
      size="lg"
    >
      <RolesField description="A subuser sees the sections of all its roles together." options={roleOptions} defaultValue={defaultRoles} error={form.fieldErrors.roles} />
    </FormDialog>
  );
}
