import "server-only";
import { db } from "@/lib/core/db";
import { audit, auditRepeated } from "@/lib/core/audit";
import { conflict, rethrowUnique, uniqueViolationFields } from "@/lib/core/errors";
import { hashPassword } from "@/lib/auth/passwords";
import type { SignupInput } from "./schemas";

/** What a signup did; the caller answers both the same way (see createAccount). */
export type SignupOutcome = { created: true; id: number } | { created: false };

/**
 * Self-service signup (SIGNUP_ENABLED): a new, independent account with its owner login.
 *
 * Account names are public (they are in every application's full name), so a taken one is a
 * field error (CONFLICT on accountName). Emails are not: a taken email must not be told apart
 * from a new one (docs/SECURITY.md, issue 7 part 4), so it creates nothing, costs the same
 * password hash, notes the attempt in that account's own audit log (one row per minute with a
 * count, as `account.signup_attempt`), and returns `{ created: false }`; the caller gives both
 * outcomes one answer (send the person to log in). A concurrent signup with the same email ends
 * the same way.
 */
export async function createAccount(input: SignupInput, ip: string, now: Date = new Date()): Promise<SignupOutcome> {
  const taken = await db.account.findFirst({
    where: { OR: [{ name: input.accountName }, { email: input.email }] },
    select: { id: true, name: true, email: true },
  });
  if (taken?.name === input.accountName) throw conflict("accountName", "This account name is taken");
  const passwordHash = await hashPassword(input.password);
  if (taken) return emailTaken(taken, ip, now);
  try {
    return await db.$transaction(async (tx) => {
      const account = await tx.account.create({
        data: { name: input.accountName, email: input.email, passwordHash },
        select: { id: true, name: true },
      });
      await audit(tx, { accountId: account.id, actorType: "owner", actorId: String(account.id), actorName: account.name, ip }, {
        action: "account.create",
        targetType: "account",
        targetId: account.id,
      });
      return { created: true as const, id: account.id };
    });
  } catch (e) {
    const fields = uniqueViolationFields(e);
    if (fields && !fields.includes("name")) {
      const raced = await db.account.findFirst({ where: { email: input.email }, select: { id: true, name: true } });
      if (raced) return emailTaken(raced, ip, now);
    }
    rethrowUnique(e, () => conflict("accountName", "This account name is taken"));
  }
}

async function emailTaken(account: { id: number; name: string }, ip: string, now: Date): Promise<SignupOutcome> {
  await auditRepeated(
    { accountId: account.id, actorType: "system", actorId: "signup", actorName: "signup", ip },
    { action: "account.signup_attempt", targetType: "account", targetId: account.id, outcome: "denied", at: now },
    60_000,
  );
  return { created: false };
}
