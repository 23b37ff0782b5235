// Threat: free text that cannot be stored or shown as typed (docs/SECURITY.md "Text input"). A lone
// UTF-16 surrogate ("\ud800") in a subuser description, a key name or description or a user's
// display name gave "Something went wrong", and names made of NUL characters were stored (issue 7
// part 3). Every free-text field now refuses both with a field error, through one zod refinement
// (safeText in lib/core/validate.ts): in the panel's actions and in the Management API alike.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import type { PanelActor } from "@/lib/access/actor-types";
import { OWNER_ROLE } from "@/lib/access/matrix";
import { safeText } from "@/lib/core/validate";
import { z } from "zod";
import { asPanel, createTestAccount, uniq, type TestAccount } from "@/test/factories";
import { insertKey, snapshot, tokenFor, type ApiBody, type TestKey } from "@/test/api-kit";
import { METHOD_FIXTURES } from "@/test/api-fixtures";
import { handleApiRequest } from "@/lib/api/handle";

const session = vi.hoisted(() => ({ actor: null as PanelActor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => session.actor }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { createSubuserAction, editSubuserAction } = await import("@/app/(panel)/settings/subusers/actions");
const { createKeyAction } = await import("@/app/(panel)/settings/service-accounts/actions");
const { createAppUserAction, updateAppUserAction } = await import("@/app/(panel)/applications/[appId]/users/actions");


const LONE_SURROGATES = ["\ud800", "abc\udfffdef", "\udc00\ud800"];
const CONTROLS = ["\u0000", "\u0000\u0000\u0000", "a\u0000b", "bell\u0007", "esc\u001b[31m", "del\u007f", "c1\u0085"];
const HOSTILE = [...LONE_SURROGATES, ...CONTROLS];

describe("safeText, the one refinement", () => {
  const single = z.string().superRefine(safeText("Name"));
  const multi = z.string().superRefine(safeText("Description", { multiline: true }));
  it("refuses lone surrogates and control characters with a message naming the field", () => {
    for (const v of HOSTILE) {
      for (const schema of [single, multi]) {
        const r = schema.safeParse(v);
        expect(r.success, JSON.stringify(v)).toBe(false);
        expect(r.error?.issues[0]?.message).toMatch(/^(Name|Description) /);
      }
    }
  });
  it("accepts any well-formed text, and tabs and line breaks where text is multi-line", () => {
    for (const v of ["", "plain", "Ünïcødé", "日本語", "emoji 🙂 pairs 𝄞", "quotes ' \" <b>"]) {
      expect(single.safeParse(v).success, v).toBe(true);
      expect(multi.safeParse(v).success, v).toBe(true);
    }
    for (const v of ["line 1\nline 2", "a\tb", "windows\r\nbreaks"]) {
      expect(multi.safeParse(v).success, JSON.stringify(v)).toBe(true);
      expect(single.safeParse(v).success, JSON.stringify(v)).toBe(false);
    }
  });
});

describe("panel actions refuse hostile text with a field error, writing nothing", () => {
  let acct: TestAccount;
  let appId: number;
  beforeAll(async () => {
    acct = await createTestAccount();
    appId = (await db.application.create({ data: { accountId: acct.id, name: "text-app" } })).id;
  });
  beforeEach(async () => {
    session.actor = asPanel(await acct.actor(OWNER_ROLE));
  });

  it("subuser description (create and edit)", async () => {
    const sub = await db.subuser.create({ data: { accountId: acct.id, name: uniq("t-"), passwordHash: "x", description: "before", roles: { create: [{ role: "Developer" }] } } });
    const before = await snapshot(acct.id);
    for (const v of HOSTILE) {
      const created = await createSubuserAction({ name: uniq("n-"), password: "Str0ng-Pass!x", roles: ["Payer"], description: v, active: true });
      expect(created, JSON.stringify(v)).toEqual({ ok: false, fieldErrors: { description: expect.stringMatching(/^Description /) } });
      const edited = await editSubuserAction({ subuserId: sub.id, description: v, roles: ["Developer"] });
      expect(edited, JSON.stringify(v)).toEqual({ ok: false, fieldErrors: { description: expect.stringMatching(/^Description /) } });
    }
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("key name and description", async () => {
    const before = await snapshot(acct.id);
    for (const v of HOSTILE) {
      expect(await createKeyAction({ name: v, description: "", roles: [] }), JSON.stringify(v)).toEqual({ ok: false, fieldErrors: { name: expect.stringMatching(/^Name /) } });
      expect(await createKeyAction({ name: "ok", description: v, roles: [] }), JSON.stringify(v)).toEqual({
        ok: false,
        fieldErrors: { description: expect.stringMatching(/^Description /) },
      });
    }
    expect(await snapshot(acct.id)).toEqual(before);
  });

  it("user display name and custom data", async () => {
    const user = await db.appUser.create({ data: { accountId: acct.id, applicationId: appId, name: uniq("u"), displayName: "Before", passwordHash: "x" } });
    const before = await snapshot(acct.id);
    for (const v of HOSTILE) {
      const created = await createAppUserAction({ applicationId: appId, name: uniq("n"), password: "Str0ng-Pass!x", displayName: v });
      expect(created, JSON.stringify(v)).toEqual({ ok: false, fieldErrors: { displayName: expect.stringMatching(/^Display name /) } });
      const updated = await updateAppUserAction({ applicationId: appId, userId: user.id, customData: v });
      expect(updated, JSON.stringify(v)).toEqual({ ok: false, fieldErrors: { customData: expect.stringMatching(/^Custom data /) } });
    }
    expect(await snapshot(acct.id)).toEqual(before);
  });
});

describe("the Management API refuses hostile text naming the parameter, writing nothing", () => {
  let acct: TestAccount;
  let key: TestKey;
  beforeAll(async () => {
    acct = await createTestAccount();
    key = await insertKey(acct.id, ["Owner"]);
  });

  // A JSON body is the one way a lone surrogate reaches the API intact (form encodings turn it
  // into U+FFFD); NUL arrives either way.
  async function call(method: string, params: Record<string, string>): Promise<ApiBody> {
    const request = new Request(`http://localhost/platform_api/${method}`, {
      method: "POST",
      headers: { authorization: `Bearer ${await tokenFor(key)}`, "content-type": "application/json" },
      body: JSON.stringify(params),
    });
    return (await (await handleApiRequest(request, method)).json()) as ApiBody;
  }

  const CASES: { method: string; param: string; code: number }[] = [
    { method: "AddSubUser", param: "description", code: 101 },
    { method: "CreateKey", param: "key_name", code: 101 },
    { method: "CreateKey", param: "description", code: 101 },
    { method: "AddUser", param: "user_display_name", code: 157 },
    { method: "AddUser", param: "user_custom_data", code: 101 },
    { method: "SetUserInfo", param: "user_display_name", code: 157 },
    { method: "SetKeyValueItem", param: "value", code: 101 },
  ];

  for (const c of CASES) {
    it(`${c.method} ${c.param}: ${c.code} naming it`, async () => {
      const fixture = await METHOD_FIXTURES[c.method]!({ accountId: acct.id, key, roles: ["Owner"] });
      const base: Record<string, string> = {};
      for (const [k, v] of Object.entries(fixture.params)) base[k] = Array.isArray(v) ? v.join(";") : v;
      if (c.method === "AddSubUser") base.new_subuser_name = "textsub1";
      const before = await snapshot(acct.id);
      for (const v of HOSTILE) {
        const body = await call(c.method, { ...base, [c.param]: v });
        expect(body.error?.code, `${c.param}=${JSON.stringify(v)}`).toBe(c.code);
        expect(body.error?.msg).toContain(`'${c.param}'`);
      }
      expect(await snapshot(acct.id)).toEqual(before);
      // The same call with clean text goes through.
      expect((await call(c.method, { ...base, [c.param]: "clean text" })).error).toBeUndefined();
    });
  }
});
