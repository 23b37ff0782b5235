// The SMS delivery simulator (ours: no carrier is reached, docs/PRODUCT.md section 7). When a
// message is sent, its whole course is planned from the injected clock and random source: when
// it leaves the queue, when it reaches its final state, and whether it is delivered or fails.
// Its status at any later moment follows from that plan (statusAt), so nothing needs a timer and
// a test that moves its clock sees every step. Two-way messages may draw a reply, planned the
// same way. Pure.
import type { Random } from "@/lib/core/random";
import type { SmsStatus } from "./schemas";

/**
 * Test destinations (documented on the SMS pages): ...0000 always fails; ...1111 is always
 * delivered and always replies (two-way); ...2222 is always delivered. Any other destination
 * fails at FAILURE_RATE, so a test that needs a known outcome uses one of these.
 */
export const FAILING_SUFFIX = "0000";
export const REPLYING_SUFFIX = "1111";
export const DELIVERING_SUFFIX = "2222";
/** Ours: the share of other messages that fail, and of delivered two-way messages that draw a reply. */
export const FAILURE_RATE = 0.03;
export const REPLY_RATE = 0.3;

export type DeliveryPlan = { sentAt: Date; finalAt: Date; outcome: "delivered" | "failed"; errorMessage: string };

/** A message's planned course: queued for 0.5-2 s, in flight for 1-5 s more, then delivered or failed. */
export function planDelivery(destination: string, now: Date, random: Random): DeliveryPlan {
  const queued = 500 + Math.floor(random() * 1500);
  const flight = 1000 + Math.floor(random() * 4000);
  const certain = destination.endsWith(FAILING_SUFFIX) ? true : destination.endsWith(REPLYING_SUFFIX) || destination.endsWith(DELIVERING_SUFFIX) ? false : null;
  const fails = certain ?? random() < FAILURE_RATE;
  return {
    sentAt: new Date(now.getTime() + queued),
    finalAt: new Date(now.getTime() + queued + flight),
    outcome: fails ? "failed" : "delivered",
    errorMessage: fails ? "Undeliverable: the destination did not accept the message" : "",
  };
}

const REPLIES = ["Thanks, got it!", "OK 👍", "Who is this?", "Yes, that works for me.", "STOP", "Can you call me later?"];

/** Whether a delivered two-way message draws a reply, and when (10-60 s after delivery) and what. */
export function planReply(destination: string, plan: DeliveryPlan, random: Random): { at: Date; text: string } | null {
  if (plan.outcome !== "delivered") return null;
  if (!destination.endsWith(REPLYING_SUFFIX) && random() >= REPLY_RATE) return null;
  return { at: new Date(plan.finalAt.getTime() + 10_000 + Math.floor(random() * 50_000)), text: REPLIES[Math.floor(random() * REPLIES.length)]! };
}

/** A message's status at `now`, from its plan. */
export function statusAt(m: { sentAt: Date; finalAt: Date; outcome: string }, now: Date): SmsStatus {
  if (m.outcome === "received") return "received";
  if (now < m.sentAt) return "queued";
  if (now < m.finalAt) return "sent";
  return m.outcome === "failed" ? "failed" : "delivered";
}
