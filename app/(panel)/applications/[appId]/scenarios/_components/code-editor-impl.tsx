"use client";
// CodeMirror 6 for scenario scripts: JavaScript highlighting, line numbers, search (Ctrl/Cmd+F),
// undo history, bracket matching, and the one-dark theme while the panel is dark (the person's
// choice or the system's: components/ui/theme.ts). Loaded lazily by code-editor.tsx, so not even the
// Scenarios page's first load carries it. Tab is left to move focus (CodeMirror's accessible
// default); Ctrl+] / Ctrl+[ indent.
import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import { Compartment, EditorSelection, EditorState, type Extension } from "@codemirror/state";
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { HighlightStyle, bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { javascript } from "@codemirror/lang-javascript";
import { MergeView } from "@codemirror/merge";
import { oneDarkTheme } from "@codemirror/theme-one-dark";
import { isDarkTheme, watchTheme } from "@/components/ui/theme";

export type CodeEditorHandle = { value: () => string; setValue: (text: string) => void; goToLine: (line: number) => void };
export type CodeEditorProps = { initial: string; label: string; onChange?: (text: string) => void };
export type DiffViewProps = { from: string; to: string; fromLabel: string; toLabel: string };

// Gutter and token colours chosen for WCAG AA contrast (4.5:1) on their backgrounds: the
// stock light gutter and one-dark's gutter and comment colours fall short of it.
const light: Extension = EditorView.theme({
  ".cm-gutters.cm-gutters": { backgroundColor: "#f8fafc", color: "#475569", borderRight: "1px solid #e2e8f0" },
  ".cm-activeLineGutter.cm-activeLineGutter": { backgroundColor: "#e2e8f0", color: "#0f172a" },
});
const darkHighlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.operatorKeyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword], color: "#d7aefb" },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: "#a8d98a" },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: "#a9b1bf", fontStyle: "italic" },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: "#f2c28f" },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: "#8fcaff" },
  { tag: [tags.propertyName, tags.definition(tags.variableName)], color: "#f0aab1" },
  { tag: tags.invalid, color: "#ffb4b4" },
]);
const dark: Extension = [
  oneDarkTheme,
  syntaxHighlighting(darkHighlight),
  EditorView.theme(
    {
      // Doubled classes: more specific than one-dark's own gutter rules.
      ".cm-gutters.cm-gutters": { backgroundColor: "#282c34", color: "#b3bac6", border: "none" },
      ".cm-activeLineGutter.cm-activeLineGutter": { backgroundColor: "#353b45", color: "#e6e9ef" },
    },
    { dark: true },
  ),
];

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
  // Lines wrap and the editor grows with its text (the page scrolls): no scrolling region that a
  // keyboard could not reach.
  EditorView.lineWrapping,
  keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap]),
  EditorView.contentAttributes.of({ "aria-label": label }),
  EditorView.theme({
    "&": { fontSize: "13px" },
    ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace" },
    // The diff's "12 unchanged lines" bar: @codemirror/merge frames it with ⦚ (U+299A), which
    // common fonts (DejaVu, Liberation) lack, so it showed as boxes; ↕ says "click to unfold"
    // and is in every font. Decoration only: empty alternative text for screen readers.
    ".cm-collapsedLines:before, .cm-collapsedLines:after": { content: '"↕" / ""' },
  }),
];

/** Switches `compartment` between light and one-dark as the panel's theme changes. */
function followTheme(views: EditorView[], compartment: Compartment): () => void {
  const apply = (isDark: boolean) => views.forEach((v) => v.dispatch({ effects: compartment.reconfigure(isDark ? dark : light) }));
  apply(isDarkTheme());
  return watchTheme(apply);
}

/** The editable script. `onChange` gets every new text. */
export const CodeEditor = forwardRef<CodeEditorHandle, CodeEditorProps>(function CodeEditor(
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
          theme.of(light),
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

  return <div ref={host} className="overflow-hidden rounded-md ring-1 ring-slate-300 [&_.cm-editor]:min-h-[18rem]" data-testid="scenario-editor" />;
});

/** Two versions side by side, read-only, changes marked, long unchanged stretches folded (a click opens one) (@codemirror/merge). */
export function DiffView({ from, to, fromLabel, toLabel }: DiffViewProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const theme = new Compartment();
    const ro = (label: string): Extension[] => [...base(label), EditorState.readOnly.of(true), EditorView.editable.of(false), theme.of(light)];
    const mv = new MergeView({ a: { doc: from, extensions: ro(fromLabel) }, b: { doc: to, extensions: ro(toLabel) }, parent: host.current!, gutter: true, collapseUnchanged: { margin: 3, minSize: 4 } });
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
      <div ref={host} className="overflow-hidden rounded-md ring-1 ring-slate-300" data-testid="scenario-diff" />
    </div>
  );
}
