import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { PanelActor } from "@/lib/access/actor-types";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn() }));

const { action, echoedValues, NUL_REFUSAL, PREVIEW_REFUSAL } = await import("./action");
const { refresh } = await import("next/cache");

const owner = { kind: "owner", accountId: 1, accountName: "a", subuserId: null, keyId: null, name: "a", roles: ["MainAccount"], ip: "" } as unknown as PanelActor;
const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.append(k, v);
  return f;
};

describe("action()", () => {
  const signup = action({ public: true, input: z.object({ accountName: z.string().min(3), email: z.email(), password: z.string().min(8) }) }, async () => {
    throw Object.assign(new Error("taken"), {});
  });

  it("a FormData post that fails keeps what was typed, except passwords, for the form to show again", async () => {
    const r = await signup(null, form({ accountName: "ab", email: "a@b.c", password: "secret-1", $ACTION_ID_x: "" }));
    expect(r).toMatchObject({ ok: false, fieldErrors: { accountName: expect.any(String) }, values: { accountName: "ab", email: "a@b.c" } });
    expect(JSON.stringify(r)).not.toContain("secret-1");
    expect(echoedValues(form({ login: "x", currentPassword: "p", newPassword: "q", apiKey: "k", privateKey: "k", token: "t" }))).toEqual({ login: "x" });
  });

  it("a domain's refusal of several fields marks each (parseInput's otherFields); the API's error names the first", async () => {
    const { parseInput } = await import("@/lib/core/validate");
    const schema = z.object({ name: z.string().min(3, "Name is short"), port: z.number().int().min(1, "Port must be positive"), tags: z.array(z.string().min(1, "Empty tag")) });
    const install = action({ signedIn: true, input: z.object({ values: z.unknown() }) }, async ({ values }) => parseInput(schema, values));
    session.actor = owner;
    expect(await install({ values: { name: "x", port: 0, tags: ["", ""] } })).toEqual({
      ok: false,
      fieldErrors: { name: "Name is short", port: "Port must be positive", "tags.0": "Empty tag", "tags.1": "Empty tag" },
    });
    try {
      parseInput(schema, { name: "x", port: 0, tags: [] });
    } catch (e) {
      expect(e).toMatchObject({ code: "INVALID_INPUT", field: "name", message: "Name is short", otherFields: { port: "Port must be positive" } });
    }
    expect.assertions(2);
    session.actor = null;
  });

  it("an input object gets no echo (dialogs keep their own fields)", async () => {
    expect(await signup({ accountName: "ab", email: "x", password: "1" } as never)).not.toHaveProperty("values");
  });

  it("refuses section and signed-in actions while a preview is on, before reading the input; public ones run", async () => {
    const handler = vi.fn(async () => "done");
    const guarded = action({ section: "applications", input: z.object({}) }, handler);
    const signedIn = action({ signedIn: true, input: z.object({}) }, handler);
    const open = action({ public: true, input: z.object({}) }, handler);
    session.actor = { ...owner, preview: { roles: ["Admin"] } };
    expect(await guarded({})).toEqual({ ok: false, formError: PREVIEW_REFUSAL });
    expect(await signedIn({})).toEqual({ ok: false, formError: PREVIEW_REFUSAL });
    expect(handler).not.toHaveBeenCalled();
    expect(await open({})).toEqual({ ok: true, data: "done" });
    session.actor = owner;
    expect(await guarded({})).toEqual({ ok: true, data: "done" });
    expect(await signedIn({})).toEqual({ ok: true, data: "done" });
    session.actor = null;
    expect(await signedIn({})).toMatchObject({ ok: false, formError: expect.stringContaining("log in") });
  });

  it("renders the caller's page again after a success, unless the action leaves the page (it deleted what the page shows)", async () => {
    session.actor = owner;
    const stays = action({ section: "applications", input: z.object({}) }, async () => "done");
    const leaves = action({ section: "applications", input: z.object({}), leavesPage: true }, async () => "done");
    vi.mocked(refresh).mockClear();
    expect(await stays({})).toEqual({ ok: true, data: "done" });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(await leaves({})).toEqual({ ok: true, data: "done" });
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("refuses a NUL anywhere in the parsed input as a field error naming it, before the handler; the schema's own message first", async () => {
    const handler = vi.fn(async () => "done");
    const save = action({ section: "applications", input: z.object({ name: z.string(), tags: z.array(z.string()), note: z.any() }) }, handler);
    session.actor = owner;
    expect(await save({ name: "a\u0000", tags: [], note: null })).toEqual({ ok: false, fieldErrors: { name: NUL_REFUSAL } });
    expect(await save({ name: "a", tags: ["x", "\u0000"], note: null })).toEqual({ ok: false, fieldErrors: { "tags.1": NUL_REFUSAL } });
    expect(await save({ name: "a", tags: [], note: { deep: { er: "\u0000" } } })).toEqual({ ok: false, fieldErrors: { "note.deep.er": NUL_REFUSAL } });
    const named = action({ section: "applications", input: z.object({ name: z.string() }) }, handler);
    expect(await named(null, form({ name: "b\u0000" }))).toMatchObject({ ok: false, fieldErrors: { name: NUL_REFUSAL }, values: { name: "b\u0000" } });
    const free = action({ section: "applications", input: z.object({ name: z.string().refine((v) => !v.includes("\u0000"), "Name must not contain control characters") }) }, handler);
    expect(await free({ name: "\u0000" })).toEqual({ ok: false, fieldErrors: { name: "Name must not contain control characters" } });
    expect(handler).not.toHaveBeenCalled();
    expect(await save({ name: "a", tags: ["x"], note: "\t\n" })).toEqual({ ok: true, data: "done" });
    session.actor = null;
  });
});
