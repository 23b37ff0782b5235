"use client";
import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

export function LoginLink({ url }: { url: string }) {
  const toast = useToast();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      toast("Login link copied");
      setTimeout(() => setCopied(false), 2000);
    } catch {
      toast("Copying was blocked by the browser: select the link and copy it", "error");
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <input
        readOnly
        value={url}
        aria-label="Subuser login link"
        data-testid="subuser-login-link"
        onFocus={(e) => e.currentTarget.select()}
        className="min-w-0 flex-1 rounded-md bg-slate-50 px-3 py-2 font-mono text-sm text-slate-800 ring-1 ring-inset ring-slate-200"
      />
      <Button variant="secondary" onClick={copy} aria-label="Copy login link">
        {copied ? <Check className="size-4 text-emerald-600" aria-hidden /> : <Copy className="size-4" aria-hidden />}
        {copied ? "Copied" : "Copy"}
      </Button>
    </div>
  );
}
