"use client";
// An agent's skill levels as form fields, shared by the Queues tab's agent dialog and the Users
// tab's SmartQueue skills dialog.
import { SelectField } from "@/components/forms/select-field";
import { formText } from "@/components/forms/use-action-form";
import { SQ_SKILL_LEVEL_MAX } from "@/lib/domains/queues/client-safe";

/** The skill-level selects of an agent dialog: "Not held" or a level 1..5 for each skill. */
export function SkillLevelFields({ skills, levels }: { skills: { id: number; name: string }[]; levels: Map<number, number> }) {
  if (skills.length === 0) return <p className="text-sm text-slate-700">The application has no skills yet.</p>;
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">Skills and levels (1 lowest, 5 highest)</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        {skills.map((s) => (
          <SelectField key={s.id} label={s.name} name={`skill-${s.id}`} defaultValue={levels.get(s.id) ?? ""}>
            <option value="">Not held</option>
            {Array.from({ length: SQ_SKILL_LEVEL_MAX }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                Level {i + 1}
              </option>
            ))}
          </SelectField>
        ))}
      </div>
    </fieldset>
  );
}

/** The levels chosen in SkillLevelFields, as the agent actions take them. */
export function chosenSkills(f: FormData, skills: { id: number }[]): { skillId: number; level: number }[] {
  return skills.flatMap((s) => (formText(f, `skill-${s.id}`) ? [{ skillId: s.id, level: Number(formText(f, `skill-${s.id}`)) }] : []));
}

