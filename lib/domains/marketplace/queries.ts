import "server-only";
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { authorize } from "@/lib/access/authorize";
import { findTemplate } from "./templates";

/** One installed template, as the Marketplace's Installed table shows it. Dates UTC. */
export type InstalledTemplateDto = {
  id: number;
  templateId: string;
  /** The template's title; the id itself for a template this version no longer offers. */
  templateTitle: string;
  scenario: { id: number; name: string };
  application: { id: number; name: string } | null;
  rule: { id: number; name: string; pattern: string } | null;
  installedBy: string;
  installedAt: Date;
};

/** The account's installed templates, newest first (at most 200: an account installs a handful). */
export async function listInstalledTemplates(actor: Actor): Promise<InstalledTemplateDto[]> {
  authorize(actor, { section: "marketplace" });
  const rows = await db.marketplaceInstall.findMany({
    where: { accountId: actor.accountId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: {
      id: true,
      templateId: true,
      installedBy: true,
      createdAt: true,
      scenario: { select: { id: true, name: true, application: { select: { id: true, name: true } } } },
      rule: { select: { id: true, name: true, pattern: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    templateId: r.templateId,
    templateTitle: findTemplate(r.templateId)?.title ?? r.templateId,
    scenario: { id: r.scenario.id, name: r.scenario.name },
    application: r.scenario.application,
    rule: r.rule,
    installedBy: r.installedBy,
    installedAt: r.createdAt,
  }));
}

/** Which of `names` are not users of the application (case as stored: user names are lower case). */
export async function missingAppUsers(tx: Tx, actor: Actor, applicationId: number, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const found = await tx.appUser.findMany({ where: { accountId: actor.accountId, applicationId, name: { in: [...names] } }, select: { name: true } });
  const have = new Set(found.map((u) => u.name));
  return [...new Set(names)].filter((n) => !have.has(n));
}
