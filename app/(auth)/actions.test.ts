// Threat: account enumeration through signup. "/signup" said "An account with this email already
// exists" (and logged new owners straight in, which a taken email cannot do), so anyone could
// test whether an email has an account (issue 7 part 4). Now a new email and a taken one get the
// same answer: a redirect to the login page with the same notice. Account names are public (they
// are in every application's full name), so a taken name is still a field error.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { uniq } from "@/test/factories";
import { AuthError } from "next-auth";

vi.mock("@/lib/auth/actor", () => ({ getActor: async () => null }));
vi.mock("next/cache", () => ({ refresh: vi.fn(), revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
const jar = new Map<string, string>();
const jarOptions = new Map<string, { secure?: boolean }>();
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-switchboard-client-ip": "203.0.113.5" }),
  cookies: async () => ({
    set: (name: string, value: string, options: { secure?: boolean } = {}) => {
      jar.set(name, value);
      jarOptions.set(name, options);
    },
    delete: (name: string) => void jar.delete(name),
  }),
}));
const auth = vi.hoisted(() => ({ signIn: vi.fn(), signOut: vi.fn() }));
vi.mock("@/lib/auth/config", () => auth);

const { signupAction, loginOwnerAction, loginSubuserAction, loginCodeAction } = await import("./actions");
const { CodeRefused, CodeRequired } = await import("@/lib/auth/login-errors");
const { CHALLENGE_EXPIRED, CODE_REFUSALS } = await import("@/lib/auth/login");

const PASSWORD = "Str0ng-Pass!x";

/** What an action answered: its result, or the redirect it threw (Next's control flow). */
async function outcome(run: () => Promise<unknown>) {
  try {
    return { result: await run() };
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
    const first = await outcome(() => signupAction({ accountName: existing, email: `${existing}@test.local`, password: PASSWORD }));
    expect(first).toEqual({ redirect: "/login?signed-up=1" });
    const owner = await db.account.findUniqueOrThrow({ where: { name: existing } });

    const probe = uniq("probe-");
    const again = await outcome(() => signupAction({ accountName: probe, email: `${existing}@test.local`, password: PASSWORD }));
    expect(again).toEqual(first);
    expect(await db.account.findUnique({ where: { name: probe } })).toBeNull();
    expect(await db.account.count({ where: { email: `${existing}@test.local` } })).toBe(1);
    expect(auth.signIn).not.toHaveBeenCalled();

    // The email's owner can see the attempts in their own log (one row per minute, counted).
    await outcome(() => signupAction({ accountName: uniq("probe-"), email: `${existing}@test.local`, password: PASSWORD }));
    const attempts = await db.auditLog.findMany({ where: { accountId: owner.id, action: "account.signup_attempt" } });
    expect(attempts).toHaveLength(1);
    expect(JSON.parse(attempts[0]!.detail)).toMatchObject({ count: 2 });
    expect(attempts[0]!.ip).toBe("203.0.113.5");
  });

  it("still refuses a taken account name under its field (names are public), creating nothing", async () => {
    const name = uniq("named-");
    await outcome(() => signupAction({ accountName: name, email: `${name}@test.local`, password: PASSWORD }));
    const email = `${uniq("other-")}@test.local`;
    expect(await outcome(() => signupAction({ accountName: name, email, password: PASSWORD }))).toEqual({
      result: { ok: false, fieldErrors: { accountName: "This account name is taken" } },
    });
    expect(await db.account.count({ where: { email } })).toBe(0);
  });

  it("validates its input like every action", async () => {
    expect(await outcome(() => signupAction({ accountName: "x", email: "not-an-email", password: "short" }))).toMatchObject({ result: { ok: false } });
  });
});

describe("login with two-step verification (signIn stubbed as Auth.js answers)", () => {
  it("a right password answers the challenge the code step needs, and redirects nowhere", async () => {
    auth.signIn.mockRejectedValueOnce(new CodeRequired("challenge-token"));
    expect(await outcome(() => loginOwnerAction({ login: "demo", password: "x" }))).toEqual({ result: { ok: true, data: { challenge: "challenge-token" } } });
  });

  it("the app's six digits land on the dashboard; a recovery code on its notice of the codes left", async () => {
    auth.signIn.mockResolvedValue(undefined);
    expect(await outcome(() => loginCodeAction({ challenge: "c", code: "123 456" }))).toEqual({ redirect: "/dashboard" });
    expect(await outcome(() => loginCodeAction({ challenge: "c", code: "ABCD-EFGH-JKMN-PQRS" }))).toEqual({ redirect: "/dashboard?recovery-code=used" });
    expect(auth.signIn).toHaveBeenLastCalledWith("code", { challenge: "c", code: "ABCD-EFGH-JKMN-PQRS", redirect: false });
    auth.signIn.mockReset();
  });

  it("a login lands on the page asked for before it (next), never on another site or a login page; a recovery code still on its notice", async () => {
    auth.signIn.mockResolvedValue(undefined);
    expect(await outcome(() => loginOwnerAction({ login: "demo", password: "x", next: "/applications/7/users?page=2" }))).toEqual({ redirect: "/applications/7/users?page=2" });
    expect(auth.signIn).toHaveBeenLastCalledWith("owner", { login: "demo", password: "x", redirect: false });
    for (const next of ["//evil.example/x", "/\\evil.example", "https://evil.example/", "/login?next=/x", "/logout", "numbers", "/a b", ["/numbers", "/x"]]) {
      const expected = Array.isArray(next) ? "/numbers" : "/dashboard";
      expect(await outcome(() => loginOwnerAction({ login: "demo", password: "x", next }))).toEqual({ redirect: expected });
    }
    expect(await outcome(() => loginSubuserAction({ accountId: 1, name: "ann", password: "x", next: "/numbers" }))).toEqual({ redirect: "/numbers" });
    expect(await outcome(() => loginCodeAction({ challenge: "c", code: "123456", next: "/numbers" }))).toEqual({ redirect: "/numbers" });
    expect(await outcome(() => loginCodeAction({ challenge: "c", code: "ABCD-EFGH-JKMN-PQRS", next: "/numbers" }))).toEqual({ redirect: "/dashboard?recovery-code=used" });
    auth.signIn.mockReset();
  });

  it("a subuser's login (a right password) keeps its account's login link for this browser; the owner's forgets it", async () => {
    auth.signIn.mockRejectedValueOnce(new CodeRequired("challenge-token"));
    await loginSubuserAction({ accountId: 7, name: "ann", password: "x" });
    expect(jar.get("subuser-login")).toBe("7");
    expect(jarOptions.get("subuser-login")).toMatchObject({ httpOnly: true, secure: false, sameSite: "lax" });
    // Served over https (PUBLIC_URL), it is a Secure cookie, as the session's is.
    vi.stubEnv("PUBLIC_URL", "https://panel.example.com");
    auth.signIn.mockRejectedValueOnce(new CodeRequired("challenge-token"));
    await loginSubuserAction({ accountId: 7, name: "ann", password: "x" });
    vi.unstubAllEnvs();
    expect(jarOptions.get("subuser-login")).toMatchObject({ httpOnly: true, secure: true });
    auth.signIn.mockRejectedValueOnce(new AuthError("wrong password"));
    await loginOwnerAction({ login: "demo", password: "wrong" });
    expect(jar.get("subuser-login")).toBe("7");
    auth.signIn.mockResolvedValue(undefined);
    await outcome(() => loginOwnerAction({ login: "demo", password: "x" }));
    expect(jar.has("subuser-login")).toBe(false);
    auth.signIn.mockReset();
  });

  it("a wrong code is the code field's error; an expired challenge is the form's, sending back to the password", async () => {
    auth.signIn.mockRejectedValueOnce(new CodeRefused(CODE_REFUSALS.wrong_code));
    expect(await loginCodeAction({ challenge: "c", code: "000000" })).toEqual({ ok: false, fieldErrors: { code: CODE_REFUSALS.wrong_code } });
    auth.signIn.mockRejectedValueOnce(new CodeRefused(CHALLENGE_EXPIRED));
    expect(await loginCodeAction({ challenge: "c", code: "000000" })).toEqual({ ok: false, formError: CHALLENGE_EXPIRED });
    expect(await loginCodeAction({ challenge: "c", code: "" })).toEqual({ ok: false, fieldErrors: { code: "Enter the code from your authenticator app, or a recovery code" } });
  });
});
