import type { Metadata } from "next";
import { requireSection } from "@/lib/access/guards";
import { PageHeader } from "@/components/ui/page";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requireSection("control_panel");
  return <PageHeader title="Dashboard" description={`Account ${actor.accountName}`} />;
}
