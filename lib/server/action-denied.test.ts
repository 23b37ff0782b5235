// A server action refused by the matrix (or the owner-only rule) writes one routine "Denied" row in
// the account's log, with a count when it repeats, as a refused Management API call does: before
// this, a Supervisor replaying the owner's "delete subuser" left no trace in Logs.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { auditSentence } from "@/lib/domains/audit-log/sentences";
import { asPanel, changeRowCount, createTestAccount, type TestAccount } from "@/test/factories";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn() }));

const { action } = await import("./action");

const deniedRows = (accountId: number) =>
  db.auditLog.findMany({ where: { accountId, action: "panel.action_denied" }, orderBy: { id: "asc" } });

describe("a refused server action is written to Logs", () => {
  let acct: TestAccount;
  const handler = vi.fn(async () => "done");
  const subusers = action({ section: "subusers", input: z.object({}) }, handler);
  const billing = action({ section: "billing", input: z.object({}) }, handler);
  const childAccounts = action({ owner: "child_accounts", input: z.object({}) }, handler);
  beforeAll(async () => {
    acct = await createTestAccount();
  });
  afterEach(() => {
    session.actor = null;
    handler.mockClear();
  });

  it("one routine Denied row per principal and section, counting repeats within a minute; nothing else", async () => {
    const supervisor = asPanel(await acct.actor("Supervisor"));
    expect(can(supervisor, "subusers") || can(supervisor, "billing")).toBe(false);
    session.actor = supervisor;
    const changes = await changeRowCount(acct.id);
    for (let i = 0; i < 3; i++) expect(await subusers({})).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
    expect(await billing({})).toMatchObject({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
    expect(handler).not.toHaveBeenCalled();
    expect(await changeRowCount(acct.id)).toBe(changes);

    const rows = await deniedRows(acct.id);
    expect(rows).toEqual([
      expect.objectContaining({ actorType: "subuser", actorId: String(supervisor.subuserId), actorName: supervisor.name, targetType: "section", targetId: "subusers", outcome: "denied", routine: true, ip: "127.0.0.1" }),
      expect.objectContaining({ targetType: "section", targetId: "billing", outcome: "denied", routine: true }),
    ]);
    // The detail names the section too: GetAuditLog's cmd_args and the Logs text filter read it.
    expect(JSON.parse(rows[0]!.detail)).toEqual({ section: "subusers", title: "Subusers", count: 3, last: expect.any(String) });
    expect(JSON.parse(rows[1]!.detail)).toEqual({ section: "billing", title: "Billing", count: 1 });
    expect(auditSentence(rows[0]!)).toBe(`Refused: Subuser ${supervisor.name} tried to use “Subusers” in the panel (3 times within a minute)`);
    expect(auditSentence(rows[1]!)).toBe(`Refused: Subuser ${supervisor.name} tried to use “Billing” in the panel`);
  });

  it("an owner-only page's refusal names the page; an Owner subuser is not the account owner", async () => {
    session.actor = asPanel(await acct.actor("Owner"));
    expect(await childAccounts({})).toEqual({ ok: false, formError: expect.stringContaining("account owner") });
    const row = (await deniedRows(acct.id)).find((r) => r.targetType === "page");
    expect(row).toMatchObject({ targetId: "child_accounts", actorName: session.actor.name, outcome: "denied", routine: true });
    expect(JSON.parse(row!.detail)).toEqual({ page: "child_accounts", title: "Child accounts", count: 1 });
    expect(auditSentence(row!)).toBe(`Refused: Subuser ${session.actor.name} tried to use “Child accounts” in the panel`);
  });

  it("a FORBIDDEN from the domain, past the gate, is a refusal too; other errors are not", async () => {
    const admin = asPanel(await acct.actor("Admin"));
    session.actor = admin;
    const ownerOnlySetting = action({ section: "billing", input: z.object({}) }, async () => {
      throw new AppError("FORBIDDEN", { message: "Only the account owner can change the credit limit." });
    });
    const conflict = action({ section: "billing", input: z.object({}) }, async () => {
      throw new AppError("CONFLICT", { message: "taken" });
    });
    expect(await ownerOnlySetting({})).toEqual({ ok: false, formError: "Only the account owner can change the credit limit." });
    expect(await conflict({})).toEqual({ ok: false, formError: "taken" });
    const rows = (await deniedRows(acct.id)).filter((r) => r.actorId === String(admin.subuserId));
    expect(rows).toEqual([expect.objectContaining({ targetType: "section", targetId: "billing", outcome: "denied" })]);
    expect(JSON.parse(rows[0]!.detail)).toEqual({ section: "billing", title: "Billing", count: 1 });
  });

  it("no row for an allowed call, a preview, a public action or a missing session", async () => {
    const before = (await deniedRows(acct.id)).length;
    const owner = asPanel(await acct.actor("MainAccount"));
    session.actor = owner;
    expect(await subusers({})).toEqual({ ok: true, data: "done" });
    session.actor = { ...owner, preview: { roles: ["Supervisor"] } };
    expect(await subusers({})).toMatchObject({ ok: false });
    session.actor = null;
    expect(await subusers({})).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
    expect(await action({ public: true, input: z.object({}) }, handler)({})).toEqual({ ok: true, data: "done" });
    expect((await deniedRows(acct.id)).length).toBe(before);
  });

  it("a row that cannot be written leaves the answer as it was and is reported", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      // An account that no longer exists: the insert fails on its foreign key.
      session.actor = { ...asPanel(await acct.actor("Support")), accountId: 2_000_000_000 };
      expect(await subusers({})).toEqual({ ok: false, formError: expect.stringMatching(/^Only .* can use/) });
      expect(error).toHaveBeenCalledWith("Server action: could not write the refusal's audit row", expect.anything());
    } finally {
      error.mockRestore();
    }
  });
});
