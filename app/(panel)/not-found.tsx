import Link from "next/link";
import { FileQuestion } from "lucide-react";
import { routes } from "@/lib/routes";

// A 404 inside the panel (an id that does not exist or belongs to another account): the shell
// stays around it, so the way back is where it always is.
export default function PanelNotFound() {
  return (
    <div className="mx-auto max-w-lg py-12 text-center sm:py-16">
      <FileQuestion className="mx-auto size-10 text-slate-500" aria-hidden />
      <p className="mt-3 text-sm font-semibold text-slate-600">404 · Not found</p>
      <h1 className="mt-1 text-2xl font-semibold text-slate-900">There is nothing here</h1>
      <p className="mt-3 text-slate-700">What this address pointed to does not exist, was deleted, or belongs to another account.</p>
      <Link href={routes.dashboard} className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
        Back to the dashboard
      </Link>
    </div>
  );
}
