import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { listKvItems } from "@/lib/domains/kvs/queries";
import { EmptyState } from "@/components/ui/page";
import { loadApplication } from "../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../_components/application-frame";
import { KvTable } from "./_components/kv-table";

type Props = { params: Promise<{ appId: string }> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.kvs", params);

const SHOWN = 500;

export default async function KvsPage({ params }: Props) {
  const actor = await requireSection("application.kvs");
  const app = await loadApplication(actor, (await params).appId);
  const { items, total } = await listKvItems(actor, { applicationId: app.id, count: SHOWN });
  return (
    <ApplicationFrame
      actor={actor}
      app={app}
      section="application.kvs"
      description="Keys and values that the application's scenarios and the Management API (SetKeyValueItem) store. Read-only here."
    >
      {total === 0 ? (
        <EmptyState title="No keys stored yet">
          <p>Items appear here once the Management API or a scenario stores them for this application.</p>
        </EmptyState>
      ) : (
        <>
          {total > SHOWN ? <p className="mb-2 text-sm text-slate-600">Showing the first {SHOWN} of {total} keys, by key.</p> : null}
          <KvTable
            rows={items.map((i) => ({ key: i.key, value: i.value, expiresAt: i.expiresAt?.toISOString() ?? null, updatedAt: i.updatedAt.toISOString() }))}
          />
        </>
      )}
    </ApplicationFrame>
  );
}
