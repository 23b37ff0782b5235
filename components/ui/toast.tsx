"use client";
import { createContext, useCallback, useContext, useState } from "react";
import { Toast as T } from "radix-ui";
import { CheckCircle2, CircleAlert, X } from "lucide-react";
import { cn } from "@/lib/core/cn";

type ToastMessage = { id: number; title: string; tone: "success" | "error" };
const ToastContext = createContext<(title: string, tone?: ToastMessage["tone"]) => void>(() => {});

/**
 * toast("Subuser created") from any client component under <Toaster>. The form kit calls it from
 * its after-commit callbacks, so a toast appears once the list behind it shows the change.
 */
export function useToast() {
  return useContext(ToastContext);
}

export function Toaster({ children }: { children: React.ReactNode }) {
  const [messages, setMessages] = useState<ToastMessage[]>([]);
  const push = useCallback((title: string, tone: ToastMessage["tone"] = "success") => {
    setMessages((m) => [...m, { id: Date.now() + Math.random(), title, tone }]);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      <T.Provider swipeDirection="right" duration={5000} label="Notification">
        {children}
        {messages.map((m) => {
          const Icon = m.tone === "error" ? CircleAlert : CheckCircle2;
          return (
            <T.Root
              key={m.id}
              type={m.tone === "error" ? "foreground" : "background"}
              onOpenChange={(open) => !open && setMessages((all) => all.filter((x) => x.id !== m.id))}
              className={cn(
                "flex items-start gap-3 rounded-md bg-white px-4 py-3 text-sm text-slate-800 shadow-lg ring-1",
                m.tone === "error" ? "ring-red-200" : "ring-slate-200",
              )}
              data-toast={m.tone}
            >
              <Icon className={cn("mt-0.5 size-4 shrink-0", m.tone === "error" ? "text-red-600" : "text-emerald-600")} aria-hidden />
              <T.Title className="min-w-0 flex-1">{m.title}</T.Title>
              <T.Close aria-label="Dismiss" className="-m-1 rounded p-1 text-slate-600 hover:bg-slate-100">
                <X className="size-4" aria-hidden />
              </T.Close>
            </T.Root>
          );
        })}
        <T.Viewport className="fixed bottom-4 right-4 z-[100] flex w-[min(22rem,calc(100vw-2rem))] flex-col gap-2 outline-none" />
      </T.Provider>
    </ToastContext.Provider>
  );
}
