"use client";
import { createContext, lazy, Suspense, useCallback, useContext, useState } from "react";
import type { ToastMessage } from "./toast-list";

const ToastContext = createContext<(title: string, tone?: ToastMessage["tone"]) => void>(() => {});

const loadToasts = () => import("./toast-list");
const ToastList = lazy(loadToasts);

/**
 * toast("Subuser created") from any client component under <Toaster>. The form kit calls it from
 * its after-commit callbacks, so a toast appears once the list behind it shows the change.
 */
export function useToast() {
  return useContext(ToastContext);
}

/**
 * Holds the toasts pushed on this page. Every page is under it, few visits push a toast: the
 * toasts themselves (Radix Toast and its dismissable layer, about 9 kB gzipped, toast-list.tsx)
 * load when the first one is pushed, and the messages wait in state until they have (issue 11:
 * first-load JavaScript per route).
 */
export function Toaster({ children }: { children: React.ReactNode }) {
  const [messages, setMessages] = useState<ToastMessage[] | null>(null);
  const push = useCallback((title: string, tone: ToastMessage["tone"] = "success") => {
    setMessages((m) => [...(m ?? []), { id: Date.now() + Math.random(), title, tone }]);
  }, []);
  const dismiss = useCallback((id: number) => setMessages((all) => (all ?? []).filter((x) => x.id !== id)), []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      {/* null until the first toast: from then on the list (and its viewport) stays. */}
      {messages ? (
        <Suspense fallback={null}>
          <ToastList messages={messages} dismiss={dismiss} />
        </Suspense>
      ) : null}
    </ToastContext.Provider>
  );
}
