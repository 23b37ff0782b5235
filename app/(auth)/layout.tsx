export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <p className="mb-6 flex items-center justify-center gap-2 text-xl font-semibold tracking-tight text-brand-700">
          {/* eslint-disable-next-line @next/next/no-img-element -- a static SVG from public/, no optimisation to do */}
          <img src="/logo.svg" alt="" width={28} height={28} />
          Switchboard
        </p>
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">{children}</div>
      </div>
    </main>
  );
}
