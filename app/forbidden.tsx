import Link from "next/link";
import { routes } from "@/lib/routes";

export default function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-lg px-4 py-16 text-center">
      <p className="text-sm font-semibold text-red-700">403 · No access</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">You can&apos;t open this page</h1>
      <Link href={routes.dashboard} className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
        Back to the dashboard
      </Link>
    </main>
  );
}
