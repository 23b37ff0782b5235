"use client";
// Install a Marketplace template: the application, the scenario's name, the template's own fields
// (drawn from its card: lib/domains/marketplace/templates.ts) and whether to add a routing rule.
// The server parses the fields with the template's schema; each error lands under its input.
import { useState } from "react";
import { CheckboxField, Field, TextAreaField } from "@/components/forms/fields";
import { FormDialog } from "@/components/forms/form-dialog";
import { SelectField } from "@/components/forms/select-field";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useToast } from "@/components/ui/toast";
import type { TemplateCard, TemplateField } from "@/lib/domains/marketplace/templates";
import { installTemplateAction } from "../actions";

const DEFAULT_PATTERN = ".*";

/** An application the template can go into, with the names of its SmartQueue queues and skills. */
export type InstallTarget = { id: number; name: string; queues: string[]; skills: string[] };

const usesQueue = (card: TemplateCard) => card.fields.some((f) => f.input === "sq_queue");

function TemplateInput({ field, error, target }: { field: TemplateField; error?: string; target: InstallTarget | undefined }) {
  const common = { label: field.label, name: field.name, defaultValue: field.defaultValue, hint: field.help || undefined, error };
  switch (field.input) {
    case "sq_queue": {
      const queues = target?.queues ?? [];
      // Keyed by application: choosing another one offers its queues afresh.
      return (
        <SelectField
          key={target?.id}
          {...common}
          defaultValue={queues[0] ?? ""}
          hint={queues.length > 0 ? field.help : `${target?.name ?? "This application"} has no queues: choose another application, or add one on its Queues tab.`}
        >
          {queues.length === 0 ? <option value="">No queues</option> : null}
          {queues.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </SelectField>
      );
    }
    case "sq_skills": {
      const skills = target?.skills ?? [];
      const named = skills.length > 0 ? ` ${target?.name}'s skills: ${skills.join(", ")}.` : ` ${target?.name ?? "The application"} has no skills yet.`;
      return <TextAreaField {...common} rows={3} placeholder="English 3" hint={`${field.help}${named}`} spellCheck={false} />;
    }
    case "textarea":
      return <TextAreaField {...common} rows={field.name === "options" ? 4 : 3} placeholder={field.name === "options" ? "1 +14155550123\n2 alice" : undefined} />;
    case "choice":
      return (
        <SelectField {...common}>
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
      );
    case "number":
      return <Field {...common} type="number" inputMode="numeric" min={field.min} max={field.max} step={1} />;
    case "time":
      return <Field {...common} type="time" />;
    case "e164":
      return <Field {...common} type="tel" autoComplete="off" placeholder="+14155550123" />;
    case "username":
      return <Field {...common} autoComplete="off" spellCheck={false} />;
    default:
      return <Field {...common} autoComplete="off" />;
  }
}

export function InstallDialog({
  card,
  applications,
  onClose,
  returnFocusTo,
}: {
  card: TemplateCard;
  applications: InstallTarget[];
  onClose: () => void;
  returnFocusTo: HTMLElement | null;
}) {
  const toast = useToast();
  const [addRule, setAddRule] = useState(true);
  // A template that enqueues starts on the first application that has a queue.
  const [appId, setAppId] = useState<number | undefined>(() => (usesQueue(card) ? applications.find((a) => a.queues.length > 0) : undefined)?.id ?? applications[0]?.id);
  const target = applications.find((a) => a.id === appId);
  const form = useActionForm(installTemplateAction, {
    fields: ["applicationId", "scenarioName", "rulePattern", ...card.fields.map((f) => f.name)],
    toInput: (f) => ({
      templateId: card.id,
      applicationId: Number(formText(f, "applicationId")),
      scenarioName: formText(f, "scenarioName"),
      addRule: f.get("addRule") === "on",
      rulePattern: formText(f, "rulePattern"),
      ruleFirst: f.get("ruleFirst") === "on",
      values: Object.fromEntries(card.fields.map((field) => [field.name, formText(f, field.name)])),
    }),
    onSuccess: (done) => {
      toast(`${card.title} installed in ${applications.find((a) => a.id === done.applicationId)?.name ?? "the application"} as the scenario ${done.scenarioName}${done.ruleAt === null ? "" : `, with its rule ${done.ruleAt} in the application's rules`}`);
      onClose();
    },
  });
  const e = form.fieldErrors;
  return (
    <FormDialog
      title={`Install ${card.title}`}
      description={card.summary}
      form={form}
      submitLabel="Install"
      size="lg"
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      data-action="marketplace"
    >
      <div className="space-y-4">
        <SelectField label="Application" name="applicationId" error={e.applicationId} value={appId} onChange={(ev) => setAppId(Number(ev.currentTarget.value))}>
          {applications.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
        <Field
          label="Scenario name"
          name="scenarioName"
          defaultValue={card.scenarioName}
          hint="Unique in the account; you can edit the scenario afterwards on the application's Scenarios tab."
          error={e.scenarioName}
          autoComplete="off"
          spellCheck={false}
        />
        <fieldset className="space-y-4 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-700">{card.title}</legend>
          {card.fields.map((field) => (
            <TemplateInput key={field.name} field={field} error={e[field.name]} target={target} />
          ))}
        </fieldset>
        <CheckboxField
          label="Add a routing rule that sends calls to this scenario"
          name="addRule"
          description="Named as the scenario. Without it, bind the scenario to a rule yourself on the Rules tab."
          checked={addRule}
          onChange={(ev) => setAddRule(ev.currentTarget.checked)}
        />
        {addRule ? (
          <>
            <Field
              label="Rule pattern"
              name="rulePattern"
              defaultValue={card.rule?.pattern ?? DEFAULT_PATTERN}
              hint={card.rule?.hint ?? "A regular expression matched against the dialled number or user name; .* matches every call."}
              error={e.rulePattern}
              autoComplete="off"
              spellCheck={false}
            />
            <CheckboxField
              label="Put the rule first"
              name="ruleFirst"
              defaultChecked={card.rule?.first ?? true}
              description="A call goes to the first rule whose pattern matches: placed after the application's other rules, one of them (such as .*) may take every call first."
            />
          </>
        ) : null}
      </div>
    </FormDialog>
  );
}
