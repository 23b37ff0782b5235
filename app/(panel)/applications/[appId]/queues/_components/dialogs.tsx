"use client";
// The Queues tab's dialogs: a queue's settings, a skill, an agent's queues, skills with levels
// and settings, and the confirmations. Each sends its fields to the server action, which checks
// them (lib/domains/queues/schemas.ts) and answers under the field at fault.
import { useId } from "react";
import { CheckboxField, Field } from "@/components/forms/fields";
import { ConfirmDialog, FormDialog } from "@/components/forms/form-dialog";
import { SelectField } from "@/components/forms/select-field";
import { formText, useActionForm } from "@/components/forms/use-action-form";
import { useToast } from "@/components/ui/toast";
import {
  AGENT_SELECTION_LABELS,
  SQ_AGENT_SELECTIONS,
  SQ_DESCRIPTION_MAX,
  SQ_NAME_MAX,
  SQ_TASK_SELECTIONS,
  TASK_SELECTION_LABELS,
  type SqAgentSelection,
  type SqTaskSelection,
} from "@/lib/domains/queues/client-safe";
import { addSqQueueAction, addSqSkillAction, deleteSqQueuesAction, deleteSqSkillsAction, saveSqAgentAction, setSqQueueAction, setSqSkillAction } from "../actions";
import type { SqAgentRow, SqQueueRow, SqSkillRow } from "./rows";
import { chosenSkills, SkillLevelFields } from "./skill-levels";

type DialogProps = { onClose: () => void; returnFocusTo: HTMLElement | null; applicationId: number };
const A = "application.queues";

/** An optional whole number field: "" is no limit (null). */
const limit = (f: FormData, name: string) => (formText(f, name).trim() === "" ? null : formText(f, name).trim());

const QUEUE_FIELDS = ["name", "description", "priority", "callAgentSelection", "imAgentSelection", "callTaskSelection", "imTaskSelection", "callMaxWaitingSeconds", "imMaxWaitingSeconds", "callMaxQueueSize", "imMaxQueueSize"];

export function QueueDialog({ row, applicationId, ...props }: DialogProps & { row?: SqQueueRow }) {
  const toast = useToast();
  const toInput = (f: FormData) => ({
    applicationId,
    name: formText(f, "name"),
    description: formText(f, "description"),
    priority: formText(f, "priority"),
    callAgentSelection: formText(f, "callAgentSelection") as SqAgentSelection,
    imAgentSelection: formText(f, "imAgentSelection") as SqAgentSelection,
    callTaskSelection: formText(f, "callTaskSelection") as SqTaskSelection,
    imTaskSelection: formText(f, "imTaskSelection") as SqTaskSelection,
    holdCallsIfInactiveAgents: f.get("holdCallsIfInactiveAgents") === "on",
    holdImIfInactiveAgents: f.get("holdImIfInactiveAgents") === "on",
    callMaxWaitingSeconds: limit(f, "callMaxWaitingSeconds"),
    imMaxWaitingSeconds: limit(f, "imMaxWaitingSeconds"),
    callMaxQueueSize: limit(f, "callMaxQueueSize"),
    imMaxQueueSize: limit(f, "imMaxQueueSize"),
  });
  const onSuccess = (q: { name: string }) => {
    toast(row ? `Queue ${q.name} saved` : `Queue ${q.name} added`);
    props.onClose();
  };
  const addForm = useActionForm(addSqQueueAction, { fields: QUEUE_FIELDS, toInput, onSuccess });
  const editForm = useActionForm(setSqQueueAction, { fields: QUEUE_FIELDS, toInput: (f) => ({ ...toInput(f), queueId: row?.id ?? 0 }), onSuccess });
  const form = row ? editForm : addForm;
  const e = form.fieldErrors;
  const strategy = (name: string, label: string, options: readonly string[], labels: Record<string, string>, value?: string) => (
    <SelectField label={label} name={name} defaultValue={value ?? options[0]} error={e[name]}>
      {options.map((o) => (
        <option key={o} value={o}>
          {labels[o]}
        </option>
      ))}
    </SelectField>
  );
  return (
    <FormDialog title={row ? `Edit the queue ${row.name}` : "Add queue"} form={form} submitLabel={row ? "Save" : "Add queue"} size="lg" data-action={A} {...props}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" name="name" defaultValue={row?.name} maxLength={SQ_NAME_MAX} required error={e.name} autoComplete="off" />
        <Field label="Priority (1 to 100)" name="priority" type="number" min={1} max={100} defaultValue={row?.priority ?? 1} error={e.priority} />
        <Field className="sm:col-span-2" label="Description" name="description" defaultValue={row?.description} maxLength={SQ_DESCRIPTION_MAX} error={e.description} autoComplete="off" />
        {strategy("callAgentSelection", "Calls: agent selection", SQ_AGENT_SELECTIONS, AGENT_SELECTION_LABELS, row?.callAgentSelection)}
        {strategy("callTaskSelection", "Calls: task selection", SQ_TASK_SELECTIONS, TASK_SELECTION_LABELS, row?.callTaskSelection)}
        {strategy("imAgentSelection", "Chats: agent selection", SQ_AGENT_SELECTIONS, AGENT_SELECTION_LABELS, row?.imAgentSelection)}
        {strategy("imTaskSelection", "Chats: task selection", SQ_TASK_SELECTIONS, TASK_SELECTION_LABELS, row?.imTaskSelection)}
        <Field label="Calls: max waiting time (seconds)" name="callMaxWaitingSeconds" type="number" min={1} defaultValue={row?.callMaxWaitingSeconds ?? ""} hint="Empty: no limit" error={e.callMaxWaitingSeconds} />
        <Field label="Chats: max waiting time (seconds)" name="imMaxWaitingSeconds" type="number" min={1} defaultValue={row?.imMaxWaitingSeconds ?? ""} hint="Empty: no limit" error={e.imMaxWaitingSeconds} />
        <Field label="Calls: max queue size" name="callMaxQueueSize" type="number" min={1} defaultValue={row?.callMaxQueueSize ?? ""} hint="Empty: no limit" error={e.callMaxQueueSize} />
        <Field label="Chats: max queue size" name="imMaxQueueSize" type="number" min={1} defaultValue={row?.imMaxQueueSize ?? ""} hint="Empty: no limit" error={e.imMaxQueueSize} />
        <CheckboxField label="Keep calls waiting while no agent is active" name="holdCallsIfInactiveAgents" defaultChecked={row?.holdCallsIfInactiveAgents} />
        <CheckboxField label="Keep chats waiting while no agent is active" name="holdImIfInactiveAgents" defaultChecked={row?.holdImIfInactiveAgents} />
      </div>
    </FormDialog>
  );
}

export function SkillDialog({ row, applicationId, ...props }: DialogProps & { row?: SqSkillRow }) {
  const toast = useToast();
  const toInput = (f: FormData) => ({ applicationId, name: formText(f, "name"), description: formText(f, "description") });
  const onSuccess = (s: { name: string }) => {
    toast(row ? `Skill ${s.name} saved` : `Skill ${s.name} added`);
    props.onClose();
  };
  const addForm = useActionForm(addSqSkillAction, { fields: ["name", "description"], toInput, onSuccess });
  const editForm = useActionForm(setSqSkillAction, { fields: ["name", "description"], toInput: (f) => ({ ...toInput(f), skillId: row?.id ?? 0 }), onSuccess });
  const form = row ? editForm : addForm;
  return (
    <FormDialog title={row ? `Edit the skill ${row.name}` : "Add skill"} form={form} submitLabel={row ? "Save" : "Add skill"} data-action={A} {...props}>
      <div className="space-y-4">
        <Field label="Name" name="name" defaultValue={row?.name} maxLength={SQ_NAME_MAX} required error={form.fieldErrors.name} autoComplete="off" hint="What an agent knows, such as a language or a product" />
        <Field label="Description" name="description" defaultValue={row?.description} maxLength={SQ_DESCRIPTION_MAX} error={form.fieldErrors.description} autoComplete="off" />
      </div>
    </FormDialog>
  );
}

/**
 * The application's users that are not agents yet, for Add agent to offer (the first ones; `more`:
 * there are others to type; `allAgents`: none, as every active user is an agent already).
 */
export type AgentCandidates = { users: { name: string; displayName: string }[]; more: boolean; allAgents: boolean };

export function AgentDialog({
  row,
  applicationId,
  queues,
  skills,
  candidates,
  ...props
}: DialogProps & { row?: SqAgentRow; queues: { id: number; name: string }[]; skills: { id: number; name: string }[]; candidates?: AgentCandidates }) {
  const toast = useToast();
  const errorId = useId();
  const mine = new Set(row?.queues.map((q) => q.id));
  const form = useActionForm(saveSqAgentAction, {
    fields: ["user", "user.name", "queueIds", "skills", "maxSimultaneousConversations"],
    toInput: (f) => ({
      applicationId,
      user: row ? { id: row.userId } : { name: formText(f, "userName") },
      queueIds: f.getAll("queueIds").map(Number),
      skills: chosenSkills(f, skills),
      handleCalls: f.get("handleCalls") === "on",
      maxSimultaneousConversations: formText(f, "maxSimultaneousConversations"),
      newAgent: !row,
    }),
    onSuccess: (a) => {
      toast(row ? `Agent ${a.userName} saved` : `${a.userName} is now an agent`);
      props.onClose();
    },
  });
  const e = form.fieldErrors;
  return (
    <FormDialog title={row ? `Edit the agent ${row.userName}` : "Add agent"} description="An agent is one of the application's users: the queues it serves and its skills decide which calls and chats reach it." form={form} submitLabel={row ? "Save" : "Add agent"} size="lg" data-action={A} {...props}>
      <div className="space-y-4">
        {row ? null : (
          <Field
            label="User name"
            name="userName"
            required
            autoComplete="off"
            suggestions={candidates?.users.map((u) => ({ value: u.name, label: u.displayName && u.displayName !== u.name ? `${u.name} (${u.displayName})` : u.name }))}
            hint={candidateHint(candidates)}
            error={e.user ?? e["user.name"]}
          />
        )}
        <fieldset className="space-y-2" aria-describedby={e.queueIds ? errorId : undefined}>
          <legend className="text-sm font-medium text-slate-700">Queues</legend>
          {queues.length === 0 ? <p className="text-sm text-slate-700">The application has no queues yet.</p> : null}
          {queues.map((q) => (
            <CheckboxField key={q.id} label={q.name} name="queueIds" value={q.id} defaultChecked={mine.has(q.id)} />
          ))}
          {e.queueIds ? (
            <p id={errorId} className="text-xs text-red-700" data-field-error="queueIds">
              {e.queueIds}
            </p>
          ) : null}
        </fieldset>
        <SkillLevelFields skills={skills} levels={new Map(row?.skills.map((s) => [s.id, s.level]))} />
        {e.skills ? <p className="text-xs text-red-700">{e.skills}</p> : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <CheckboxField label="Takes calls" name="handleCalls" defaultChecked={row?.handleCalls ?? true} description="Off: the agent gets chats only" />
          <Field label="Chats at once" name="maxSimultaneousConversations" type="number" min={1} max={100} defaultValue={row?.maxSimultaneousConversations ?? 1} error={e.maxSimultaneousConversations} />
        </div>
      </div>
    </FormDialog>
  );
}

/** The user name field's hint: what the suggestions hold. */
function candidateHint(c: AgentCandidates | undefined): string {
  const n = c?.users.length ?? 0;
  if (c?.allAgents) return "Every active user of the application is an agent already: add a user on the Users tab first";
  if (n === 0) return "The application user's name, as on the Users tab";
  if (c?.more) return `Pick from the first ${n} users who are not agents yet, or type any user's name`;
  return n === 1 ? "Pick the one user who is not an agent yet, or type a name" : `Pick from the ${n} users who are not agents yet, or type a name`;
}

export function RemoveAgentDialog({ row, applicationId, ...props }: DialogProps & { row: SqAgentRow }) {
  const toast = useToast();
  const form = useActionForm(saveSqAgentAction, {
    fields: [],
    toInput: () => ({ applicationId, user: { id: row.userId }, queueIds: [], skills: [] }),
    onSuccess: () => {
      toast(`${row.userName} is no longer an agent`);
      props.onClose();
    },
  });
  return (
    <ConfirmDialog
      title={`Remove the agent ${row.userName}?`}
      description="The user leaves every queue and loses its skills. The user itself stays in the application."
      form={form}
      submitLabel="Remove agent"
      data-action={A}
      {...props}
    />
  );
}

export function DeleteQueueDialog({ row, applicationId, ...props }: DialogProps & { row: SqQueueRow }) {
  const toast = useToast();
  const form = useActionForm(deleteSqQueuesAction, {
    fields: [],
    toInput: () => ({ applicationId, queues: { ids: [row.id] } }),
    onSuccess: () => {
      toast(`Queue ${row.name} deleted`);
      props.onClose();
    },
  });
  const agents = row.agentCount ? ` Its ${row.agentCount === 1 ? "agent stays" : `${row.agentCount} agents stay`} in the application without it.` : "";
  return <ConfirmDialog title={`Delete the queue ${row.name}?`} description={`Scenarios can no longer put calls or chats in it.${agents}`} form={form} submitLabel="Delete queue" data-action={A} {...props} />;
}

export function DeleteSkillDialog({ row, applicationId, ...props }: DialogProps & { row: SqSkillRow }) {
  const toast = useToast();
  const form = useActionForm(deleteSqSkillsAction, {
    fields: [],
    toInput: () => ({ applicationId, skills: { ids: [row.id] } }),
    onSuccess: () => {
      toast(`Skill ${row.name} deleted`);
      props.onClose();
    },
  });
  const agents = row.agentCount ? ` ${row.agentCount === 1 ? "The agent who has it loses it" : `The ${row.agentCount} agents who have it lose it`}.` : "";
  return <ConfirmDialog title={`Delete the skill ${row.name}?`} description={`Queues can no longer pick agents by it.${agents}`} form={form} submitLabel="Delete skill" data-action={A} {...props} />;
}
