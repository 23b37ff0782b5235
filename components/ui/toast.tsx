"use client";
import { createContext, useCallback, useContext, useState } from "react";
import { Toast as T } from "radix-ui";

type ToastMessage = { id: number; title: string; tone: "success" | "error" };
const ToastContext = createContext<(title: string, tone?: ToastMessage["tone"]) => void>(() => {});

/** toast("Subuser created") from any client component under <Toaster>. */
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
      <T.Provider swipeDirection="right" duration={4000}>
        {children}
        {messages.map((m) => (
          <T.Root
            key={m.id}
            onOpenChange={(open) => !open && setMessages((all) => all.filter((x) => x.id !== m.id))}
            className={`rounded-md px-4 py-3 text-sm shadow-lg ring-1 ${m.tone === "error" ? "bg-red-50 text-red-800 ring-red-200" : "bg-white text-slate-800 ring-slate-200"}`}
          >
            <T.Title>{m.title}</T.Title>
          </T.Root>
        ))}
        <T.Viewport className="fixed bottom-4 right-4 z-[100] flex w-80 flex-col gap-2 outline-none" />
      </T.Provider>
    </ToastContext.Provider>
  );
}
