"use client";
// CodeMirror 6 for scenario scripts: JavaScript highlighting, line numbers, search (Ctrl/Cmd+F),
// undo history, bracket matching, and the one-dark theme while the system is dark (the panel's
// theme follows prefers-color-scheme). Imported only by the Scenarios page, so no other page
// loads it. Tab is left to move focus (CodeMirror's accessible default); Ctrl+] / Ctrl+[ indent.
import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import { Compartment, EditorSelection, EditorState, type Extension } from "@codemirror/state";
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { javascript } from "@codemirror/lang-javascript";
import { MergeView } from "@codemirror/merge";
import { oneDark } from "@codemirror/theme-one-dark";

const DARK = "(prefers-color-scheme: dark)";

const base = (label: string): Extension[] => [
  lineNumbers(),
  highlightActiveLineGutter(),
  drawSelection(),
  indentOnInput(),
  bracketMatching(),
  highlightActiveLine(),
  highlightSelectionMatches(),
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
  javascript(),
  search({ top: true }),
  keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap]),
  EditorView.contentAttributes.of({ "aria-label": label }),
  EditorView.theme({ "&": { fontSize: "13px" }, ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace" } }),
];

/** Switches `compartment` between light and one-dark as the system theme changes. */
function followTheme(views: EditorView[], compartment: Compartment): () => void {
  const mq = window.matchMedia(DARK);
  const apply = () => views.forEach((v) => v.dispatch({ effects: compartment.reconfigure(mq.matches ? oneDark : []) }));
  apply();
  mq.addEventListener("change", apply);
  return () => mq.removeEventListener("change", apply);
}

export type CodeEditorHandle = { value: () => string; setValue: (text: string) => void; goToLine: (line: number) => void };

/** The editable script. `onChange` gets every new text. */
export const CodeEditor = forwardRef<CodeEditorHandle, { initial: string; label: string; onChange?: (text: string) => void }>(function CodeEditor(
  { initial, label, onChange },
  ref,
) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  });

  useEffect(() => {
    const theme = new Compartment();
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initial,
        extensions: [
          history(),
          ...base(label),
          theme.of([]),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changed.current?.(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    const stop = followTheme([v], theme);
    return () => {
      stop();
      v.destroy();
      view.current = null;
    };
    // The editor is created once per scenario (the parent keys it); later texts arrive through setValue.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useImperativeHandle(ref, () => ({
    value: () => view.current?.state.doc.toString() ?? initial,
    setValue: (text) => {
      const v = view.current;
      if (v) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
    },
    goToLine: (line) => {
      const v = view.current;
      if (!v) return;
      const l = v.state.doc.line(Math.min(Math.max(1, line), v.state.doc.lines));
      v.dispatch({ selection: EditorSelection.cursor(l.from), scrollIntoView: true });
      v.focus();
    },
  }));

  return <div ref={host} className="overflow-hidden rounded-md ring-1 ring-slate-300 [&_.cm-editor]:min-h-[18rem] [&_.cm-scroller]:max-h-[32rem]" data-testid="scenario-editor" />;
});

/** Two versions side by side, read-only, changes marked (@codemirror/merge). */
export function DiffView({ from, to, fromLabel, toLabel }: { from: string; to: string; fromLabel: string; toLabel: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const theme = new Compartment();
    const ro = (label: string): Extension[] => [...base(label), EditorState.readOnly.of(true), EditorView.editable.of(false), theme.of([])];
    const mv = new MergeView({ a: { doc: from, extensions: ro(fromLabel) }, b: { doc: to, extensions: ro(toLabel) }, parent: host.current!, gutter: true });
    const stop = followTheme([mv.a, mv.b], theme);
    return () => {
      stop();
      mv.destroy();
    };
  }, [from, to, fromLabel, toLabel]);
  return (
    <div>
      <div className="grid grid-cols-2 gap-2 text-xs font-medium text-slate-600">
        <span>{fromLabel}</span>
        <span>{toLabel}</span>
      </div>
      <div ref={host} className="overflow-hidden rounded-md ring-1 ring-slate-300 [&_.cm-mergeView]:max-h-[32rem]" data-testid="scenario-diff" />
    </div>
  );
}
