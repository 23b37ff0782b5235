// Threat: account enumeration through signup. "/signup" said "An account with this email already
// exists" (and logged new owners straight in, which a taken email cannot do), so anyone could
// test whether an email has an account (issue 7 part 4). Now a new email and a taken one get the
// same answer: a redirect to the login page with the same notice. Account names are public (they
// are in every application's full name), so a taken name is still a field error.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { uniq } from "@/test/factories";

vi.mock("@/lib/auth/actor", () => ({ getActor: async () => null }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-switchboard-client-ip": "203.0.113.5" }) }));
const auth = vi.hoisted(() => ({ signIn: vi.fn(), signOut: vi.fn() }));
vi.mock("@/lib/auth/config", () => auth);

const { signupAction } = await import("./actions");

const PASSWORD = "Str0ng-Pass!x";

/** What the action answered: its result, or the redirect it threw (Next's control flow). */
async function answer(input: { accountName: string; email: string; password: string }) {
  try {
    return { result: await signupAction(input) };
  } catch (e) {
    const digest = (e as { digest?: string }).digest ?? "";
    if (!digest.startsWith("NEXT_REDIRECT")) throw e;
    return { redirect: digest.split(";")[2] };
  }
}

beforeEach(() => {
  auth.signIn.mockClear();
});

describe("signup", () => {
  it("answers a new email and a taken one the same way: to the login page, nobody logged in", async () => {
    const existing = uniq("exists-");
    const first = await answer({ accountName: existing, email: `${existing}@test.local`, password: PASSWORD });
    expect(first).toEqual({ redirect: "/login?signed-up=1" });
    const owner = await db.account.findUniqueOrThrow({ where: { name: existing } });

    const probe = uniq("probe-");
    const again = await answer({ accountName: probe, email: `${existing}@test.local`, password: PASSWORD });
    expect(again).toEqual(first);
    expect(await db.account.findUnique({ where: { name: probe } })).toBeNull();
    expect(await db.account.count({ where: { email: `${existing}@test.local` } })).toBe(1);
    expect(auth.signIn).not.toHaveBeenCalled();

    // The email's owner can see the attempts in their own log (one row per minute, counted).
    await answer({ accountName: uniq("probe-"), email: `${existing}@test.local`, password: PASSWORD });
    const attempts = await db.auditLog.findMany({ where: { accountId: owner.id, action: "account.signup_attempt" } });
    expect(attempts).toHaveLength(1);
    expect(JSON.parse(attempts[0]!.detail)).toMatchObject({ count: 2 });
    expect(attempts[0]!.ip).toBe("203.0.113.5");
  });

  it("still refuses a taken account name under its field (names are public), creating nothing", async () => {
    const name = uniq("named-");
    await answer({ accountName: name, email: `${name}@test.local`, password: PASSWORD });
    const email = `${uniq("other-")}@test.local`;
    expect(await answer({ accountName: name, email, password: PASSWORD })).toEqual({
      result: { ok: false, fieldErrors: { accountName: "This account name is taken" } },
    });
    expect(await db.account.count({ where: { email } })).toBe(0);
  });

  it("validates its input like every action", async () => {
    expect(await answer({ accountName: "x", email: "not-an-email", password: "short" })).toMatchObject({ result: { ok: false } });
  });
});
