"use client";
// The Users tab's SmartQueue skills: a user's skills and levels, for holders of the Users tab
// (the seed's UserManager manages users and their SmartQueue skills) without the Queues tab.
import { FormDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { useToast } from "@/components/ui/toast";
import { chosenSkills, SkillLevelFields } from "../../queues/_components/skill-levels";
import { setAppUserSkillsAction } from "../actions";
import type { UserRow } from "./columns";

export function UserSkillsDialog({ appId, user, skills, ...props }: { appId: number; user: UserRow; skills: { id: number; name: string }[]; onClose: () => void; returnFocusTo: HTMLElement | null }) {
  const toast = useToast();
  const form = useActionForm(setAppUserSkillsAction, {
    fields: ["skills"],
    toInput: (f) => ({ applicationId: appId, userId: user.id, skills: chosenSkills(f, skills) }),
    onSuccess: () => {
      toast(`Skills of ${user.name} saved`);
      props.onClose();
    },
  });
  return (
    <FormDialog title={`SmartQueue skills of ${user.name}`} description="Queues pick agents by these skills and levels." form={form} submitLabel="Save" size="lg" data-action="application.users" {...props}>
      <SkillLevelFields skills={skills} levels={new Map(user.sqSkills.map((s) => [s.id, s.level]))} />
      {form.fieldErrors.skills ? <p className="text-xs text-red-700">{form.fieldErrors.skills}</p> : null}
    </FormDialog>
  );
}
