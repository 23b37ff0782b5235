import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";

export const metadata: Metadata = { title: sectionTitle("numbers.parameters") };

// The section check comes before any lookup, so a principal without it gets 403 for every id
// (existing or not) and learns nothing about which numbers exist. No number table exists yet,
// so for holders every id is not found.
export default async function NumberSettingsPage() {
  await requireSection("numbers.parameters");
  notFound();
}
