// Turning two-step verification on and off on one's own profile, and renewing recovery codes,
// for the owner and every subuser role; and the account owner's way back in for a locked-out
// subuser (Subusers, turnOffSubuserTwoStep).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { can, OWNER_ROLE } from "@/lib/access/matrix";
import type { Clock } from "@/lib/core/clock";
import type { PanelActor } from "@/lib/access/actor-types";
import { hashRecoveryCode, totpCode } from "@/lib/auth/two-step";
import { loginOwner, loginSubuser } from "@/lib/auth/login";
import { asPanel, createTestAccount, PRINCIPALS, refusal, TEST_PASSWORD, uniq } from "@/test/factories";
import { setRequireTwoStep, turnOffSubuserTwoStep } from "@/lib/domains/subusers/mutations";
import { createSession, loadPrincipal } from "@/lib/auth/sessions";
import { systemClock } from "@/lib/core/clock";
import { twoStepCoverage } from "@/lib/domains/subusers/queries";
import { confirmTwoStep, renewRecoveryCodes, SETUP_REPLACED, startTwoStep, turnOffTwoStep } from "./mutations";
import { getProfile } from "./queries";

const T0 = Date.parse("2030-03-01T12:00:05Z");
const clock: Clock = () => new Date(T0);

/** The actor's own login row's two-step columns and its recovery codes. */
async function twoStepState(actor: PanelActor) {
  const row =
    actor.kind === "owner"
      ? await db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { totpSecret: true, totpPendingSecret: true, totpLastStep: true } })
      : await db.subuser.findUniqueOrThrow({ where: { id: actor.subuserId! }, select: { totpSecret: true, totpPendingSecret: true, totpLastStep: true } });
  const codes = await db.recoveryCode.findMany({ where: { accountId: actor.accountId, subuserId: actor.subuserId }, orderBy: { id: "asc" } });
  return { ...row, codes: codes.map((c) => ({ codeHash: c.codeHash, usedAt: c.usedAt })) };
}

const audits = (accountId: number, action: string) => db.auditLog.count({ where: { accountId, action } });

describe("two-step verification on one's own profile: every principal", () => {
  for (const role of PRINCIPALS) {
    const allowed = can({ roles: [role] }, "profile");
    it(`${role}: ${allowed ? "turns it on, logs in with a code, renews codes, turns it off" : "refused, nothing written"}`, async () => {
      const acct = await createTestAccount();
      const actor = asPanel(await acct.actor(role));
      if (!allowed) {
        const before = await twoStepState(actor);
        for (const run of [() => startTwoStep(actor), () => confirmTwoStep(actor, { code: "123456", fingerprint: "0123456789abcdef" }), () => turnOffTwoStep(actor, { currentPassword: TEST_PASSWORD })]) {
          expect((await refusal(run())).code).toBe("FORBIDDEN");
        }
        expect(await twoStepState(actor)).toEqual(before);
        return;
      }
      const setup = await startTwoStep(actor);
      expect(decodeURIComponent(new URL(setup.uri).pathname)).toBe(`/Switchboard:${actor.kind === "owner" ? acct.name : `${actor.name}@${acct.name}`}`);
      // Pending only: logging in still takes the password alone.
      expect((await twoStepState(actor)).totpSecret).toBeNull();
      const { recoveryCodes } = await confirmTwoStep(actor, { code: totpCode(setup.secret, T0), fingerprint: setup.fingerprint }, clock);
      expect(recoveryCodes).toHaveLength(10);
      const on = await twoStepState(actor);
      expect(on).toMatchObject({ totpSecret: setup.secret, totpPendingSecret: null, totpLastStep: Math.floor(T0 / 30_000) });
      expect(on.codes.map((c) => c.codeHash).sort()).toEqual(recoveryCodes.map(hashRecoveryCode).sort());
      expect(await audits(acct.id, "profile.two_step_on")).toBe(1);
      expect((await getProfile(actor)).twoStep).toEqual({ on: true, recoveryCodesLeft: 10, required: false });

      // The next login asks for the code.
      const ctx = { ip: "10.3.0.1", userAgent: "vitest", clock };
      const login =
        actor.kind === "owner"
          ? await loginOwner(db, { login: acct.name, password: TEST_PASSWORD }, ctx)
          : await loginSubuser(db, { accountId: acct.id, name: actor.name, password: TEST_PASSWORD }, ctx);
      expect(login).toEqual({ ok: false, challenge: expect.any(String) });

      const renewed = await renewRecoveryCodes(actor, { currentPassword: TEST_PASSWORD }, clock);
      expect(renewed.recoveryCodes.some((c) => recoveryCodes.includes(c))).toBe(false);
      expect((await twoStepState(actor)).codes.map((c) => c.codeHash).sort()).toEqual(renewed.recoveryCodes.map(hashRecoveryCode).sort());

      await turnOffTwoStep(actor, { currentPassword: TEST_PASSWORD });
      expect(await twoStepState(actor)).toMatchObject({ totpSecret: null, totpPendingSecret: null, codes: [] });
      expect(await audits(acct.id, "profile.two_step_off")).toBe(1);
    });
  }
});

describe("two-step verification: refusals, each with nothing written", () => {
  async function owner() {
    const acct = await createTestAccount();
    return { acct, actor: asPanel(await acct.actor(OWNER_ROLE)) };
  }

  it("a wrong or malformed code is the code field's error, and the setup stays pending", async () => {
    const { actor } = await owner();
    const setup = await startTwoStep(actor);
    const before = await twoStepState(actor);
    const wrong = totpCode(setup.secret, T0 - 90_000);
    for (const [code, message] of [
      [wrong, /not the code the app shows now/],
      ["12345", /six digits/],
      ["abcdef", /six digits/],
    ] as const) {
      const e = await refusal(confirmTwoStep(actor, { code, fingerprint: setup.fingerprint }, clock));
      expect(e).toMatchObject({ code: "INVALID_INPUT", field: "code" });
      expect(e.message).toMatch(message);
    }
    expect(await twoStepState(actor)).toEqual(before);
    expect(before.totpPendingSecret).toBe(setup.secret);
  });

  it("confirming without a setup, starting or confirming while on, and turning off or renewing while off are conflicts", async () => {
    const { actor } = await owner();
    expect(await refusal(confirmTwoStep(actor, { code: "123456", fingerprint: "0123456789abcdef" }, clock))).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/Start again/) });
    expect((await refusal(turnOffTwoStep(actor, { currentPassword: TEST_PASSWORD }))).code).toBe("CONFLICT");
    expect((await refusal(renewRecoveryCodes(actor, { currentPassword: TEST_PASSWORD }))).code).toBe("CONFLICT");
    const setup = await startTwoStep(actor);
    await confirmTwoStep(actor, { code: totpCode(setup.secret, T0), fingerprint: setup.fingerprint }, clock);
    const on = await twoStepState(actor);
    expect((await refusal(startTwoStep(actor))).message).toMatch(/already on/);
    expect((await refusal(confirmTwoStep(actor, { code: totpCode(setup.secret, T0), fingerprint: setup.fingerprint }, clock))).message).toMatch(/already on/);
    expect(await twoStepState(actor)).toEqual(on);
  });

  it("turning off and renewing ask for the current password, under its field", async () => {
    const { actor } = await owner();
    const setup = await startTwoStep(actor);
    await confirmTwoStep(actor, { code: totpCode(setup.secret, T0), fingerprint: setup.fingerprint }, clock);
    const on = await twoStepState(actor);
    for (const run of [() => turnOffTwoStep(actor, { currentPassword: "Wrong-Passw0rd!" }), () => renewRecoveryCodes(actor, { currentPassword: "" })]) {
      expect(await refusal(run())).toMatchObject({ code: "INVALID_INPUT", field: "currentPassword" });
    }
    expect(await twoStepState(actor)).toEqual(on);
  });

  it("re-entered passwords are throttled and audited like logins: after five wrong ones even the right one waits, and so does logging in", async () => {
    const acct = await createTestAccount();
    const actor = asPanel(await acct.actor("Support"));
    const setup = await startTwoStep(actor);
    await confirmTwoStep(actor, { code: totpCode(setup.secret, T0), fingerprint: setup.fingerprint }, clock);
    for (let i = 0; i < 5; i++) {
      expect(await refusal(turnOffTwoStep(actor, { currentPassword: `Wrong-Passw0rd-${i}` }))).toMatchObject({ field: "currentPassword", message: "The current password is wrong" });
    }
    expect(await refusal(renewRecoveryCodes(actor, { currentPassword: TEST_PASSWORD }))).toMatchObject({ field: "currentPassword", message: expect.stringMatching(/Too many wrong passwords/) });
    expect(await db.auditLog.count({ where: { accountId: acct.id, action: "profile.password_check", outcome: "failed" } })).toBe(5);
    expect(await loginSubuser(db, { accountId: acct.id, name: actor.name, password: TEST_PASSWORD }, { ip: "10.3.0.9", userAgent: "vitest", clock: () => new Date() })).toEqual({ ok: false });
    expect((await twoStepState(actor)).totpSecret).toBe(setup.secret);
  });

  it("a new setup replaces an abandoned one, and the old one's confirm is told so; a used recovery code counts down on the profile", async () => {
    const { acct, actor } = await owner();
    const first = await startTwoStep(actor);
    const second = await startTwoStep(actor);
    expect(second.secret).not.toBe(first.secret);
    // The older setup's tab: told the newer one replaced it, not to check the phone's clock.
    expect(await refusal(confirmTwoStep(actor, { code: totpCode(first.secret, T0), fingerprint: first.fingerprint }, clock))).toMatchObject({
      code: "CONFLICT",
      message: SETUP_REPLACED,
    });
    expect((await twoStepState(actor)).totpPendingSecret).toBe(second.secret);
    await confirmTwoStep(actor, { code: totpCode(second.secret, T0), fingerprint: second.fingerprint }, clock);
    await db.recoveryCode.updateMany({ where: { accountId: acct.id, subuserId: null }, data: { usedAt: new Date(T0) }, limit: 3 });
    expect((await getProfile(actor)).twoStep).toEqual({ on: true, recoveryCodesLeft: 7, required: false });
  });
});

describe("turnOffSubuserTwoStep (the account owner's way back in for a subuser)", () => {
  it("clears the subuser's secret and codes, audited; the subuser logs in with its password alone", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor(OWNER_ROLE);
    const sub = asPanel(await acct.actor("Developer"));
    const setup = await startTwoStep(sub);
    await confirmTwoStep(sub, { code: totpCode(setup.secret, T0), fingerprint: setup.fingerprint }, clock);
    const dto = await turnOffSubuserTwoStep(owner, { subuserId: sub.subuserId! });
    expect(dto.twoStep).toBe(false);
    expect(await twoStepState(sub)).toMatchObject({ totpSecret: null, codes: [] });
    expect(await audits(acct.id, "subuser.two_step_off")).toBe(1);
    const r = await loginSubuser(db, { accountId: acct.id, name: sub.name, password: TEST_PASSWORD }, { ip: "10.3.0.2", userAgent: "vitest", clock });
    expect(r).toMatchObject({ ok: true });
    expect(await refusal(turnOffSubuserTwoStep(owner, { subuserId: sub.subuserId! }))).toMatchObject({ code: "CONFLICT", field: "subuserId" });
  });

  it("another account's subuser reads as not found, and its verification stays on", async () => {
    const acct = await createTestAccount();
    const other = await createTestAccount();
    const foreign = await db.subuser.create({
      data: { accountId: other.id, name: uniq("far-"), passwordHash: "x", totpSecret: "JBSWY3DPEHPK3PXP", roles: { create: [{ role: "Developer" }] } },
    });
    expect((await refusal(turnOffSubuserTwoStep(await acct.actor(OWNER_ROLE), { subuserId: foreign.id }))).code).toBe("NOT_FOUND");
    expect((await db.subuser.findUniqueOrThrow({ where: { id: foreign.id } })).totpSecret).toBe("JBSWY3DPEHPK3PXP");
  });
});

describe("twoStepCoverage (Settings → Security)", () => {
  it("counts the owner and the subusers with two-step verification on, for holders of Security only", async () => {
    const acct = await createTestAccount();
    const other = await createTestAccount();
    await db.account.update({ where: { id: other.id }, data: { totpSecret: "JBSWY3DPEHPK3PXP" } });
    for (const role of PRINCIPALS) {
      const actor = await acct.actor(role);
      if (can({ roles: [role] }, "security")) expect(await twoStepCoverage(actor)).toMatchObject({ owner: false, subusersOn: 0 });
      else expect((await refusal(twoStepCoverage(actor))).code).toBe("FORBIDDEN");
    }
    const subs = await db.subuser.count({ where: { accountId: acct.id } });
    await db.subuser.updateMany({ where: { accountId: acct.id }, data: { totpSecret: "JBSWY3DPEHPK3PXP" }, limit: 2 });
    await db.account.update({ where: { id: acct.id }, data: { totpSecret: "JBSWY3DPEHPK3PXP" } });
    expect(await twoStepCoverage(await acct.actor(OWNER_ROLE))).toEqual({ owner: true, required: false, subusers: subs, subusersOn: 2 });
  });
});

describe("requiring two-step verification of every subuser", () => {
  /** The principal a fresh session of `subuserId` (null: the owner) loads, as every request does. */
  async function principal(accountId: number, subuserId: number | null) {
    const version = subuserId === null
      ? (await db.account.findUniqueOrThrow({ where: { id: accountId } })).credVersion
      : (await db.subuser.findUniqueOrThrow({ where: { id: subuserId } })).credVersion;
    const s = await createSession(db, { accountId, subuserId, credVersion: version, ip: "10.4.0.1", userAgent: "vitest" }, systemClock);
    return (await loadPrincipal(db, s.id, systemClock))!;
  }

  it("is the account owner's alone, and only once the owner's own login has it on", async () => {
    const acct = await createTestAccount();
    for (const role of PRINCIPALS.filter((r) => r !== OWNER_ROLE)) {
      expect((await refusal(setRequireTwoStep(await acct.actor(role), { required: true }))).code).toBe("FORBIDDEN");
    }
    const owner = await acct.actor(OWNER_ROLE);
    expect(await refusal(setRequireTwoStep(owner, { required: true }))).toMatchObject({ code: "CONFLICT", field: "required" });
    expect((await db.account.findUniqueOrThrow({ where: { id: acct.id } })).requireTwoStep).toBe(false);
    expect(await audits(acct.id, "account.require_two_step")).toBe(0);
  });

  it("leaves a subuser without it no section but setting it up, whatever its roles, until it has; the owner and subusers with it are unaffected", async () => {
    const acct = await createTestAccount();
    const owner = await acct.actor(OWNER_ROLE);
    const pnm = await acct.actor("PhoneNumberManager");
    const admin = await acct.actor("Admin");
    const dev = await acct.actor("Developer");
    await db.account.update({ where: { id: acct.id }, data: { totpSecret: "JBSWY3DPEHPK3PXP" } });
    await db.subuser.update({ where: { id: admin.subuserId! }, data: { totpSecret: "JBSWY3DPEHPK3PXP" } });
    const due = await db.subuser.count({ where: { accountId: acct.id, totpSecret: null } });
    expect(await setRequireTwoStep(owner, { required: true })).toEqual({ required: true, subusersDue: due });
    expect(await audits(acct.id, "account.require_two_step")).toBe(1);

    const blocked = await principal(acct.id, pnm.subuserId);
    expect(blocked).toMatchObject({ kind: "subuser", roles: [], twoStepDue: true });
    expect(await principal(acct.id, admin.subuserId)).toMatchObject({ roles: ["Admin"] });
    expect(await principal(acct.id, null)).toMatchObject({ kind: "owner", roles: [OWNER_ROLE] });
    expect((await principal(acct.id, admin.subuserId)).twoStepDue).toBeUndefined();

    // A PhoneNumberManager has no Profile, yet sets the verification up; then its roles are back.
    const setup = await startTwoStep(blocked);
    await confirmTwoStep(blocked, { code: totpCode(setup.secret, T0), fingerprint: setup.fingerprint }, clock);
    // Profile knows the account requires it of a subuser (its Turn off says what follows), not of the owner.
    expect((await getProfile(asPanel(admin))).twoStep.required).toBe(true);
    expect((await getProfile(asPanel(owner))).twoStep.required).toBe(false);
    const back = await principal(acct.id, pnm.subuserId);
    expect(back).toMatchObject({ roles: ["PhoneNumberManager"] });
    expect(back.twoStepDue).toBeUndefined();
    // Without the requirement, that subuser could not have: it has no Profile.
    const other = asPanel(await (await createTestAccount()).actor("PhoneNumberManager"));
    expect((await refusal(startTwoStep(other))).code).toBe("FORBIDDEN");

    expect((await principal(acct.id, dev.subuserId)).twoStepDue).toBe(true);
    expect(await setRequireTwoStep(owner, { required: false })).toEqual({ required: false, subusersDue: 0 });
    expect(await principal(acct.id, dev.subuserId)).toMatchObject({ roles: ["Developer"] });
  });
});
