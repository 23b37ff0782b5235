import "server-only";
// Caller IDs (section caller_ids): add an outside number, have the simulator "call" it with a
// 6-digit code (ours: no network is reached; the code lands in the account's notifications, as
// the demo's stand-in for the phone ringing), activate it with the code, delete it. Codes are
// stored as a hash, expire, and allow a few tries; the random source is injected so tests know
// the code.
import { createHash } from "node:crypto";
import { db, type Tx } from "@/lib/core/db";
import type { Actor } from "@/lib/access/actor-types";
import { audit } from "@/lib/core/audit";
import { systemClock, type Clock } from "@/lib/core/clock";
import { AppError, conflict, rethrowUnique } from "@/lib/core/errors";
import { systemRandom, type Random } from "@/lib/core/random";
import { parseInput } from "@/lib/core/validate";
import { authorizeCallerIds, CALLER_ID_SELECT, findOwnCallerId, toCallerIdDto, type CallerIdDto } from "./queries";
import {
  CODE_ATTEMPTS,
  CODE_TTL_SECONDS,
  MAX_CALLER_IDS,
  VERIFIED_FOR_DAYS,
  ZActivateCallerIdInput,
  ZAddCallerIdInput,
  ZCallerIdRef,
  type ActivateCallerIdInput,
  type AddCallerIdInput,
  type CallerIdRef,
} from "./schemas";

const hashCode = (code: string) => createHash("sha256").update(`caller-id-code:${code}`).digest("hex");
const taken = () => conflict("number", "This number is already one of the account's caller IDs");

/** Sends a new code to the caller ID (the simulator's call): one of its verification calls. */
async function sendCode(tx: Tx, accountId: number, row: { id: number; number: string; verificationCallsLeft: number }, clock: Clock, random: Random): Promise<void> {
  if (row.verificationCallsLeft <= 0) {
    throw new AppError("CONFLICT", { message: "This number has had all its verification calls: delete it and add it again later", field: "callerIdId" });
  }
  const code = String(Math.floor(random() * 1_000_000)).padStart(6, "0");
  const now = clock();
  await tx.callerId.update({
    where: { id: row.id },
    data: { codeHash: hashCode(code), codeExpiresAt: new Date(now.getTime() + CODE_TTL_SECONDS * 1000), codeAttemptsLeft: CODE_ATTEMPTS, verificationCallsLeft: { decrement: 1 } },
  });
  await tx.notification.create({
    data: { accountId, kind: "caller_id_code", audience: "account", sectionId: "caller_ids", detail: JSON.stringify({ number: row.number, code, expiresInSeconds: CODE_TTL_SECONDS }), createdAt: now },
  });
}

/** AddCallerID / "Add caller ID": the number, unverified, and (in the panel) its first code at once. */
export async function addCallerId(actor: Actor, input: AddCallerIdInput, opts: { sendCode?: boolean; clock?: Clock; random?: Random } = {}): Promise<CallerIdDto> {
  const { clock = systemClock, random = systemRandom } = opts;
  await authorizeCallerIds(db, actor, "AddCallerID");
  const { number } = parseInput(ZAddCallerIdInput, input);
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.callerId.findFirst({ where: { accountId: actor.accountId, number }, select: { id: true } })) throw taken();
      if ((await tx.callerId.count({ where: { accountId: actor.accountId } })) >= MAX_CALLER_IDS) {
        throw new AppError("CONFLICT", { message: `An account can have at most ${MAX_CALLER_IDS} caller IDs`, field: "number" });
      }
      const row = await tx.callerId.create({ data: { accountId: actor.accountId, number, createdAt: clock() }, select: CALLER_ID_SELECT });
      if (opts.sendCode ?? true) await sendCode(tx, actor.accountId, row, clock, random);
      await audit(tx, actor, { action: "caller_id.add", targetType: "caller_id", targetId: row.id, detail: { number } });
      return toCallerIdDto(await tx.callerId.findUniqueOrThrow({ where: { id: row.id }, select: CALLER_ID_SELECT }), clock());
    });
  } catch (e) {
    rethrowUnique(e, taken);
  }
}

/** VerifyCallerID / "Send a new code": the simulator calls the number again with a fresh code. */
export async function requestCallerIdCode(actor: Actor, input: CallerIdRef, opts: { clock?: Clock; random?: Random } = {}): Promise<CallerIdDto> {
  const { clock = systemClock, random = systemRandom } = opts;
  await authorizeCallerIds(db, actor, "VerifyCallerID");
  const { callerIdId } = parseInput(ZCallerIdRef, input);
  return db.$transaction(async (tx) => {
    const row = await findOwnCallerId(tx, actor, { id: callerIdId });
    await sendCode(tx, actor.accountId, row, clock, random);
    await audit(tx, actor, { action: "caller_id.code_sent", targetType: "caller_id", targetId: row.id, detail: { number: row.number } });
    return toCallerIdDto(await tx.callerId.findUniqueOrThrow({ where: { id: row.id }, select: CALLER_ID_SELECT }), clock());
  });
}

/**
 * ActivateCallerID / "Verify": the right code, before it expires and within its tries, makes
 * the caller ID usable for VERIFIED_FOR_DAYS. A wrong code costs a try (that try is kept even
 * though the call fails: the counter is written before the error).
 */
export async function activateCallerId(actor: Actor, input: ActivateCallerIdInput, clock: Clock = systemClock): Promise<CallerIdDto> {
  await authorizeCallerIds(db, actor, "ActivateCallerID");
  const { callerIdId, code } = parseInput(ZActivateCallerIdInput, input);
  const now = clock();
  const row = await findOwnCallerId(db, actor, { id: callerIdId });
  const live = row.codeHash !== null && row.codeExpiresAt !== null && row.codeExpiresAt > now && row.codeAttemptsLeft > 0;
  if (!live) throw new AppError("INVALID_INPUT", { message: "No valid code is pending: send a new code", field: "code", reason: "caller_id_code_wrong" });
  if (hashCode(code) !== row.codeHash) {
    const left = row.codeAttemptsLeft - 1;
    await db.$transaction(async (tx) => {
      await tx.callerId.updateMany({ where: { id: row.id, accountId: actor.accountId }, data: { codeAttemptsLeft: left, ...(left <= 0 ? { codeHash: null, codeExpiresAt: null } : {}) } });
      await audit(tx, actor, { action: "caller_id.code_wrong", targetType: "caller_id", targetId: row.id, detail: { number: row.number, attemptsLeft: left }, outcome: "failed" });
    });
    throw new AppError("INVALID_INPUT", { message: left > 0 ? `Wrong code: ${left} ${left === 1 ? "try" : "tries"} left` : "Wrong code, and no tries left: send a new code", field: "code", reason: "caller_id_code_wrong" });
  }
  return db.$transaction(async (tx) => {
    await tx.callerId.updateMany({
      where: { id: row.id, accountId: actor.accountId },
      data: { active: true, codeHash: null, codeExpiresAt: null, codeAttemptsLeft: 0, verifiedUntil: new Date(now.getTime() + VERIFIED_FOR_DAYS * 86_400_000) },
    });
    await audit(tx, actor, { action: "caller_id.verify", targetType: "caller_id", targetId: row.id, detail: { number: row.number } });
    return toCallerIdDto(await tx.callerId.findUniqueOrThrow({ where: { id: row.id }, select: CALLER_ID_SELECT }), now);
  });
}

/** DelCallerID / "Delete". */
export async function deleteCallerId(actor: Actor, input: CallerIdRef): Promise<void> {
  await authorizeCallerIds(db, actor, "DelCallerID");
  const { callerIdId } = parseInput(ZCallerIdRef, input);
  await db.$transaction(async (tx) => {
    const row = await findOwnCallerId(tx, actor, { id: callerIdId });
    await tx.callerId.deleteMany({ where: { id: row.id, accountId: actor.accountId } });
    await audit(tx, actor, { action: "caller_id.delete", targetType: "caller_id", targetId: row.id, detail: { number: row.number } });
  });
}
