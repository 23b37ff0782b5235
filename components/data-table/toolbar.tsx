"use client";
import { useEffect, useId, useRef, useState } from "react";
import { Search } from "lucide-react";
import { Q_MAX_LENGTH } from "./search-params";

/**
 * The list's text filter, with a real label. `onChange` fires after `debounceMs` of quiet
 * (server mode: one URL update per pause, not per keystroke); 0 fires on every keystroke.
 */
export function DataTableToolbar({
  label,
  placeholder,
  value,
  onChange,
  debounceMs = 0,
  actions,
}: {
  label: string;
  placeholder?: string;
  value: string;
  onChange: (value: string) => void;
  debounceMs?: number;
  actions?: React.ReactNode;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  const lastSent = useRef(value);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });

  // Follow outside changes (back button, a link with ?q=) without clobbering what is being typed
  // (the server mode trims what it puts in the URL, so compare trimmed).
  useEffect(() => {
    if (value.trim() !== lastSent.current.trim()) {
      lastSent.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    if (text === lastSent.current) return;
    const send = () => {
      lastSent.current = text;
      onChangeRef.current(text);
    };
    if (debounceMs <= 0) return send();
    const t = setTimeout(send, debounceMs);
    return () => clearTimeout(t);
  }, [text, debounceMs]);

  return (
    <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
      <div className="w-full max-w-xs">
        <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
          {label}
        </label>
        <div className="relative">
          <Search aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-400" />
          <input
            id={id}
            type="search"
            value={text}
            maxLength={Q_MAX_LENGTH}
            placeholder={placeholder}
            onChange={(e) => setText(e.target.value)}
            className="block w-full rounded-md border-0 bg-white py-2 pl-8 pr-3 text-sm text-slate-900 ring-1 ring-inset ring-slate-400 placeholder:text-slate-600 focus:ring-2 focus:ring-brand-500"
          />
        </div>
      </div>
      {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
    </div>
  );
}
