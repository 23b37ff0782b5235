import "server-only";
import { db } from "@/lib/core/db";
import { audit } from "@/lib/core/audit";
import { conflict, rethrowUnique } from "@/lib/core/errors";
import { hashPassword } from "@/lib/auth/passwords";
import type { SignupInput } from "./schemas";

/** Self-service signup (SIGNUP_ENABLED): a new, independent account with its owner login. */
export async function createAccount(input: SignupInput, ip: string): Promise<{ id: number }> {
  const taken = await db.account.findFirst({
    where: { OR: [{ name: input.accountName }, { email: input.email }] },
    select: { name: true, email: true },
  });
  if (taken?.name === input.accountName) throw conflict("accountName", "This account name is taken");
  if (taken) throw conflict("email", "An account with this email already exists");
  const passwordHash = await hashPassword(input.password);
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
      return { id: account.id };
    });
  } catch (e) {
    rethrowUnique(e, (fields) => conflict(fields.includes("email") ? "email" : "accountName", "This account name or email is taken"));
  }
}
