"use client";
import { forwardRef, lazy, Suspense, useImperativeHandle, useRef, useState, useSyncExternalStore } from "react";

import type { CodeEditorHandle, CodeEditorProps, DiffViewProps } from "./code-editor-impl";

export type { CodeEditorHandle, CodeEditorProps, DiffViewProps };

// CodeMirror (about 160 kB gzipped, code-editor-impl.tsx) is not part of the Scenarios page's
// first load (issue 11: first-load JavaScript per route): it is fetched as the page hydrates and
// replaces a read-only copy of the text, laid out as the editor is, so the page does not jump.
const loadEditor = () => import("./code-editor-impl");
const Editor = lazy(() => loadEditor().then((m) => ({ default: m.CodeEditor })));
const Diff = lazy(() => loadEditor().then((m) => ({ default: m.DiffView })));

const noSubscription = () => () => {};
/** False on the server and while the page hydrates, then true: CodeMirror only ever runs in the browser. */
const useHydrated = () => useSyncExternalStore(noSubscription, () => true, () => false);

/** The text as the editor will show it, until the editor has loaded. */
function TextUntilLoaded({ text }: { text: string }) {
  return (
    <pre className="min-h-[18rem] whitespace-pre-wrap break-words py-1 pl-10 pr-2 font-mono text-[13px] leading-[1.4] text-slate-800">{text}</pre>
  );
}

/** The editable script (CodeMirror, loaded lazily). `onChange` gets every new text. */
export const CodeEditor = forwardRef<CodeEditorHandle, CodeEditorProps>(function CodeEditor(props, ref) {
  const hydrated = useHydrated();
  const editor = useRef<CodeEditorHandle>(null);
  // A text set before the editor has loaded (a version restored) is the one it starts with.
  const [text, setText] = useState(props.initial);
  useImperativeHandle(ref, () => ({
    value: () => editor.current?.value() ?? text,
    setValue: (next) => {
      if (editor.current) return editor.current.setValue(next);
      setText(next);
      props.onChange?.(next);
    },
    goToLine: (line) => editor.current?.goToLine(line),
  }));
  const placeholder = (
    <div className="overflow-hidden rounded-md ring-1 ring-slate-300" data-testid="scenario-editor" aria-busy="true">
      <TextUntilLoaded text={text} />
    </div>
  );
  if (!hydrated) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <Editor ref={editor} {...props} initial={text} />
    </Suspense>
  );
});

/** Two versions side by side, read-only, changes marked (CodeMirror's merge view, loaded lazily). */
export function DiffView(props: DiffViewProps) {
  const hydrated = useHydrated();
  const placeholder = (
    <div aria-busy="true">
      <div className="grid grid-cols-2 gap-2 text-xs font-medium text-slate-600">
        <span>{props.fromLabel}</span>
        <span>{props.toLabel}</span>
      </div>
      <div className="grid grid-cols-2 overflow-hidden rounded-md ring-1 ring-slate-300">
        <TextUntilLoaded text={props.from} />
        <TextUntilLoaded text={props.to} />
      </div>
    </div>
  );
  if (!hydrated) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <Diff {...props} />
    </Suspense>
  );
}
