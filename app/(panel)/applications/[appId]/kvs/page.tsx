import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { listKvItems } from "@/lib/domains/kvs/queries";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { loadApplication } from "../_components/load-application";
import { KvTable } from "./_components/kv-table";

export const metadata: Metadata = { title: "Key-value storage" };

const SHOWN = 500;

export default async function KvsPage({ params }: { params: Promise<{ appId: string }> }) {
  const actor = await requireSection("application.kvs");
  const app = await loadApplication(actor, (await params).appId);
  const { items, total } = await listKvItems(actor, { applicationId: app.id, count: SHOWN });
  return (
    <>
      <PageHeader
        title="Key-value storage"
        description="Keys and values that the application's scenarios and the Management API (SetKeyValueItem) store. Read-only here."
      />
      {total === 0 ? (
        <EmptyState title="No keys stored yet">
          <p>Items appear here once the Management API or a scenario stores them for this application.</p>
        </EmptyState>
      ) : (
        <>
          {total > SHOWN ? <p className="mb-2 text-sm text-slate-500">Showing the first {SHOWN} of {total} keys, by key.</p> : null}
          <KvTable
            rows={items.map((i) => ({ key: i.key, value: i.value, expiresAt: i.expiresAt?.toISOString() ?? null, updatedAt: i.updatedAt.toISOString() }))}
          />
        </>
      )}
    </>
  );
}
