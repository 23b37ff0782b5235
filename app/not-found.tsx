import type { Metadata } from "next";
import Link from "next/link";
import { NOT_FOUND_TITLE } from "@/lib/nav";
import { routes } from "@/lib/routes";

export const metadata: Metadata = { title: NOT_FOUND_TITLE };

// Outside the panel's shell (a URL that matches no route): its own landmark and heading.
export default function NotFound() {
  return (
    <main id="main" className="flex min-h-full items-center justify-center px-4 py-16">
      <div className="max-w-lg text-center">
        {/* eslint-disable-next-line @next/next/no-img-element -- a static SVG from public/, no optimisation to do */}
        <img src="/logo.svg" alt="" width={40} height={40} className="mx-auto" />
        <p className="mt-4 text-sm font-semibold text-slate-600">404 · Not found</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">There is nothing here</h1>
        <p className="mt-3 text-slate-700">The address is wrong, or what it pointed to was deleted or belongs to another account.</p>
        <Link href={routes.dashboard} className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
          Back to the dashboard
        </Link>
      </div>
    </main>
  );
}
