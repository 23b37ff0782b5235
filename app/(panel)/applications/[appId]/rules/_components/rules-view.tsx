"use client";
// The Rules page: the application's rules in the order calls try them. Reorder by dragging a
// rule's handle (pointer, or keyboard: Space to lift, arrows, Space to drop) or with its Move
// up / Move down buttons; add, edit and delete; and the tester, which asks routeCall (the code
// the call simulator uses) which rule a number or user name reaches.
import Link from "next/link";
import type { Route } from "next";
import { useEffect, useRef, useState } from "react";
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { GripVertical } from "lucide-react";
import { Field, FormError, inputClass } from "@/components/forms/fields";
import { ConfirmDialog, FormDialog } from "@/components/forms/form-dialog";
import { formText, useAction, useActionForm } from "@/components/forms/use-action-form";
import { useDialog } from "@/components/forms/use-dialog";
import { Button } from "@/components/ui/button";
import { Badge, Card, EmptyState } from "@/components/ui/page";
import { useToast } from "@/components/ui/toast";
import { createRuleAction, deleteRuleAction, moveRuleAction, reorderRulesAction, testRouteAction, updateRuleAction } from "../actions";

export type RuleRow = { id: number; name: string; pattern: string; patternExclude: string; scenarios: { id: number; name: string }[] };
/** `parent`: the parent account's shared scenario (this is a child account). */
export type ScenarioOption = { id: number; name: string; shared: boolean; parent: boolean };

type Props = { appId: number; rules: RuleRow[]; scenarios: ScenarioOption[]; scenariosHref: string };

export function RulesView({ appId, rules, scenarios, scenariosHref }: Props) {
  const dialog = useDialog<{ kind: "create" } | { kind: "edit"; rule: RuleRow } | { kind: "delete"; rule: RuleRow }>();
  const add =
    scenarios.length > 0 ? (
      <Button onClick={(e) => dialog.open({ kind: "create" }, e.currentTarget)} data-testid="add-rule">
        Add rule
      </Button>
    ) : (
      <Link href={scenariosHref as Route} className="text-sm font-medium text-brand-700 underline">
        Create a scenario first
      </Link>
    );
  return (
    <div className="space-y-6">
      {rules.length === 0 ? (
        <EmptyState title="No rules yet" action={add}>
          <p>
            A rule starts scenarios when a call reaches the application: its pattern, a regular expression, must match the whole dialled number or user name.
            {scenarios.length === 0 ? " This application has no scenario to start yet." : ""}
          </p>
        </EmptyState>
      ) : (
        <RuleList
          rules={rules}
          add={add}
          onEdit={(rule, el) => dialog.open({ kind: "edit", rule }, el)}
          onDelete={(rule, el) => dialog.open({ kind: "delete", rule }, el)}
        />
      )}
      <RouteTester appId={appId} />
      {dialog.state?.kind === "create" ? <RuleDialog appId={appId} scenarios={scenarios} onClose={dialog.close} returnFocusTo={dialog.opener} /> : null}
      {dialog.state?.kind === "edit" ? <RuleDialog appId={appId} rule={dialog.state.rule} scenarios={scenarios} onClose={dialog.close} returnFocusTo={dialog.opener} /> : null}
      {dialog.state?.kind === "delete" ? <DeleteRuleDialog rule={dialog.state.rule} onClose={dialog.close} returnFocusTo={dialog.opener} /> : null}
    </div>
  );
}

type RowHandlers = { onEdit: (rule: RuleRow, el: HTMLElement) => void; onDelete: (rule: RuleRow, el: HTMLElement) => void };

function RuleList({ rules, add, onEdit, onDelete }: { rules: RuleRow[]; add: React.ReactNode } & RowHandlers) {
  const toast = useToast();
  // The order shown while a drag's save is on its way (the server's order once it answers).
  const [dragged, setDragged] = useState<{ ids: number[]; from: RuleRow[] } | null>(null);
  const order = dragged && dragged.from === rules ? dragged.ids.map((id) => rules.find((r) => r.id === id)!).filter(Boolean) : rules;
  const reorder = useAction(reorderRulesAction, { onSuccess: () => toast("Order saved"), onError: (m) => (setDragged(null), toast(m, "error")) });
  // Keyboard focus follows a rule moved with its buttons: to the same button, or to the other
  // one when the rule has reached the top or the bottom (a disabled button would drop focus).
  const movedRef = useRef<{ id: number; direction: "up" | "down"; from: number } | null>(null);
  const move = useAction(moveRuleAction, { onError: (m) => ((movedRef.current = null), toast(m, "error")) });
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const moved = movedRef.current;
    if (!moved || order.findIndex((r) => r.id === moved.id) === moved.from) return;
    movedRef.current = null;
    const row = listRef.current?.querySelector(`li[data-rule-id="${moved.id}"]`);
    const same = row?.querySelector<HTMLButtonElement>(`[data-testid="move-${moved.direction}"]`);
    const other = row?.querySelector<HTMLButtonElement>(`[data-testid="move-${moved.direction === "up" ? "down" : "up"}"]`);
    (same && !same.disabled ? same : other)?.focus();
  }, [order]);
  const sensors = useSensors(useSensor(PointerSensor), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const onDragEnd = (e: DragEndEvent) => {
    if (!e.over || e.active.id === e.over.id) return;
    const ids = order.map((r) => r.id);
    const next = arrayMove(ids, ids.indexOf(Number(e.active.id)), ids.indexOf(Number(e.over.id)));
    setDragged({ ids: next, from: rules });
    reorder.run({ ruleIds: next });
  };
  return (
    <Card className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600">Calls try the rules from the top; the first whose pattern matches starts its scenarios.</p>
        {add}
      </div>
      <DndContext id="rules-order" sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ screenReaderInstructions: { draggable: "To reorder a rule, press Space on its handle, use the arrow keys, and press Space again to drop it." } }}>
        <SortableContext items={order.map((r) => r.id)} strategy={verticalListSortingStrategy}>
          <ol ref={listRef} className="divide-y divide-slate-100" data-testid="rule-list">
            {order.map((r, i) => (
              <SortableRule
                key={r.id}
                rule={r}
                index={i}
                last={i === order.length - 1}
                busy={move.pending || reorder.pending}
                onMove={(direction) => {
                  movedRef.current = { id: r.id, direction, from: i };
                  move.run({ ruleId: r.id, direction });
                }}
                onEdit={onEdit}
                onDelete={onDelete}
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
    </Card>
  );
}

function SortableRule({ rule, index, last, busy, onMove, onEdit, onDelete }: { rule: RuleRow; index: number; last: boolean; busy: boolean; onMove: (d: "up" | "down") => void } & RowHandlers) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: rule.id });
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`flex flex-wrap items-center gap-3 bg-white py-3 ${isDragging ? "relative z-10 shadow-md" : ""}`}
      data-rule={rule.name}
      data-rule-id={rule.id}
    >
      <button type="button" ref={setActivatorNodeRef} {...attributes} {...listeners} aria-label={`Drag ${rule.name} to reorder`} className="cursor-grab rounded p-1 text-slate-500 hover:bg-slate-100">
        <GripVertical className="size-4" aria-hidden />
      </button>
      <span className="w-6 text-right font-mono text-sm text-slate-500">{index + 1}</span>
      <div className="min-w-0 flex-1">
        <p className="font-medium text-slate-900">{rule.name}</p>
        <p className="break-all font-mono text-xs text-slate-600">
          {rule.pattern}
          {rule.patternExclude ? <span> · except {rule.patternExclude}</span> : null}
        </p>
        <p className="mt-1 flex flex-wrap gap-1 text-xs">
          {rule.scenarios.map((s, n) => (
            <Badge key={s.id} tone="blue">
              {n + 1}. {s.name}
            </Badge>
          ))}
        </p>
      </div>
      <div className="flex gap-1">
        {/* Busy (a move on its way) is aria-disabled, not disabled: a focused disabled button loses focus. */}
        <Button variant="ghost" size="sm" onClick={() => busy || onMove("up")} disabled={index === 0} aria-disabled={busy || undefined} data-testid="move-up">
          Move up<span className="sr-only"> {rule.name}</span>
        </Button>
        <Button variant="ghost" size="sm" onClick={() => busy || onMove("down")} disabled={last} aria-disabled={busy || undefined} data-testid="move-down">
          Move down<span className="sr-only"> {rule.name}</span>
        </Button>
        <Button variant="secondary" size="sm" onClick={(e) => onEdit(rule, e.currentTarget)}>
          Edit<span className="sr-only"> {rule.name}</span>
        </Button>
        <Button variant="secondary" size="sm" onClick={(e) => onDelete(rule, e.currentTarget)}>
          Delete<span className="sr-only"> {rule.name}</span>
        </Button>
      </div>
    </li>
  );
}

type DialogProps = { onClose: () => void; returnFocusTo: HTMLElement | null };

function RuleDialog({ appId, rule, scenarios, onClose, returnFocusTo }: DialogProps & { appId: number; rule?: RuleRow; scenarios: ScenarioOption[] }) {
  const toast = useToast();
  const [chosen, setChosen] = useState<number[]>(rule ? rule.scenarios.map((s) => s.id) : scenarios[0] ? [scenarios[0].id] : []);
  const [pick, setPick] = useState<string>("");
  const fields = ["name", "pattern", "patternExclude", "scenarioIds"];
  const onSuccess = (r: { name: string }) => {
    toast(rule ? `Rule ${r.name} saved` : `Rule ${r.name} added`);
    onClose();
  };
  const create = useActionForm(createRuleAction, {
    fields,
    toInput: (f) => ({ applicationId: appId, name: formText(f, "name"), pattern: formText(f, "pattern"), patternExclude: formText(f, "patternExclude"), scenarioIds: chosen }),
    onSuccess,
  });
  const update = useActionForm(updateRuleAction, {
    fields,
    toInput: (f) => ({ ruleId: rule?.id ?? 0, name: formText(f, "name"), pattern: formText(f, "pattern"), patternExclude: formText(f, "patternExclude"), scenarioIds: chosen }),
    onSuccess,
  });
  const form = rule ? update : create;
  const nameOf = (id: number) => scenarios.find((s) => s.id === id)?.name ?? rule?.scenarios.find((s) => s.id === id)?.name ?? String(id);
  const left = scenarios.filter((s) => !chosen.includes(s.id));
  const swap = (i: number, j: number) => setChosen((c) => arrayMove(c, i, j));
  return (
    <FormDialog title={rule ? `Edit ${rule.name}` : "Add rule"} onClose={onClose} returnFocusTo={returnFocusTo} form={form} submitLabel={rule ? "Save" : "Add"} size="lg" data-testid="rule-editor">
      <Field label="Name" name="name" defaultValue={rule?.name} error={form.fieldErrors.name} autoComplete="off" required />
      <Field
        label="Pattern"
        name="pattern"
        defaultValue={rule?.pattern ?? ".*"}
        error={form.fieldErrors.pattern}
        hint="A regular expression the whole dialled number or user name must match, e.g. \+?1[0-9]{10} or support_.*"
        autoComplete="off"
        spellCheck={false}
        className="[&_input]:font-mono"
        required
      />
      <Field
        label="Exclude pattern"
        name="patternExclude"
        defaultValue={rule?.patternExclude}
        error={form.fieldErrors.patternExclude}
        hint="Optional: a dialled string this matches (wholly) skips the rule."
        autoComplete="off"
        spellCheck={false}
        className="[&_input]:font-mono"
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Scenarios, in the order they run</legend>
        <ol className="space-y-1" data-testid="rule-scenarios">
          {chosen.map((id, i) => (
            <li key={id} className="flex items-center gap-2 text-sm">
              <span className="flex-1 font-mono">
                {i + 1}. {nameOf(id)}
              </span>
              <Button variant="ghost" size="sm" disabled={i === 0} onClick={() => swap(i, i - 1)}>
                Up<span className="sr-only"> {nameOf(id)}</span>
              </Button>
              <Button variant="ghost" size="sm" disabled={i === chosen.length - 1} onClick={() => swap(i, i + 1)}>
                Down<span className="sr-only"> {nameOf(id)}</span>
              </Button>
              <Button variant="ghost" size="sm" onClick={() => setChosen((c) => c.filter((x) => x !== id))}>
                Remove<span className="sr-only"> {nameOf(id)}</span>
              </Button>
            </li>
          ))}
        </ol>
        {left.length > 0 ? (
          <div className="flex items-end gap-2">
            <label className="flex-1 space-y-1 text-sm text-slate-700">
              <span className="block">Add a scenario</span>
              <select value={pick} onChange={(e) => setPick(e.target.value)} className={inputClass} data-testid="scenario-pick">
                <option value="">Choose…</option>
                {left.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                    {s.parent ? " (parent account)" : s.shared ? " (shared)" : ""}
                  </option>
                ))}
              </select>
            </label>
            <Button
              variant="secondary"
              size="sm"
              disabled={!pick}
              onClick={() => {
                setChosen((c) => [...c, Number(pick)]);
                setPick("");
              }}
            >
              Add to the rule
            </Button>
          </div>
        ) : null}
        {form.fieldErrors.scenarioIds ? (
          <p className="text-xs text-red-700" data-field-error="scenarioIds">
            {form.fieldErrors.scenarioIds}
          </p>
        ) : null}
      </fieldset>
    </FormDialog>
  );
}

function DeleteRuleDialog({ rule, onClose, returnFocusTo }: DialogProps & { rule: RuleRow }) {
  const toast = useToast();
  const form = useActionForm(deleteRuleAction, {
    toInput: () => ({ ruleId: rule.id }),
    onSuccess: (r) => {
      toast(`Rule ${r.name} deleted`);
      onClose();
    },
  });
  return (
    <ConfirmDialog title={`Delete ${rule.name}?`} onClose={onClose} returnFocusTo={returnFocusTo} form={form} submitLabel="Delete">
      <p className="text-sm text-slate-700">Calls that only this rule matched will no longer start a scenario. The scenarios themselves stay.</p>
    </ConfirmDialog>
  );
}

function RouteTester({ appId }: { appId: number }) {
  const form = useActionForm(testRouteAction, { fields: ["dialled"], toInput: (f) => ({ applicationId: appId, dialled: formText(f, "dialled") }) });
  const result = form.state?.ok ? form.state.data : null;
  return (
    <Card className="space-y-3">
      <h2 id="tester-title" className="font-semibold text-slate-900">
        Test a number
      </h2>
      <form {...form.formProps} className="flex flex-wrap items-start gap-3" data-testid="rule-tester">
        <Field label="Number or user name" name="dialled" error={form.fieldErrors.dialled} hint="As a call would dial it, e.g. +15551234567 or alice." autoComplete="off" className="min-w-64 flex-1" />
        <Button type="submit" variant="secondary" className="mt-6" disabled={form.pending}>
          Test
        </Button>
      </form>
      <FormError message={form.formError} />
      <div aria-live="polite" data-testid="tester-result">
        {result ? (
          result.match ? (
            <p className="text-sm text-slate-800">
              <span className="font-mono">{result.dialled}</span> matches rule <strong>{result.match.rule.name}</strong>, which runs{" "}
              {result.match.scenarios.map((s) => s.name).join(", then ")}.
            </p>
          ) : (
            <p className="text-sm text-slate-800">
              No rule matches <span className="font-mono">{result.dialled}</span>: a call to it would not start a scenario.
            </p>
          )
        ) : null}
      </div>
    </Card>
  );
}
