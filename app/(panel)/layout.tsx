import Link from "next/link";
import { requireActor } from "@/lib/server/guards";
import { Sidebar } from "@/components/shell/sidebar";
import { logoutAction } from "@/app/(auth)/actions";
import { routes } from "@/lib/routes";

// The shell: sidebar from the actor's visible sections. Not a security boundary: every page
// calls requireSection itself.
export default async function PanelLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return (
    <div className="flex min-h-full">
      <aside className="sticky top-0 flex h-screen w-60 shrink-0 flex-col border-r border-slate-200 bg-white">
        <div className="border-b border-slate-200 px-4 py-4">
          <Link href={routes.dashboard} className="flex items-center gap-2 text-base font-semibold tracking-tight text-brand-700">
            {/* eslint-disable-next-line @next/next/no-img-element -- a static SVG from public/, no optimisation to do */}
            <img src="/logo.svg" alt="" width={22} height={22} />
            Switchboard
          </Link>
          <p className="mt-1 truncate text-xs text-slate-500" data-testid="whoami">
            {actor.kind === "owner" ? `${actor.accountName} (owner)` : `${actor.name} @ ${actor.accountName}`}
          </p>
        </div>
        <div className="flex-1 overflow-y-auto px-2 py-4">
          <Sidebar actor={actor} />
        </div>
        <form action={logoutAction} className="border-t border-slate-200 p-2">
          <button type="submit" className="w-full rounded-md px-2 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100">
            Log out
          </button>
        </form>
      </aside>
      <main className="min-w-0 flex-1 px-8 py-6">{children}</main>
    </div>
  );
}
