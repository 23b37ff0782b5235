import { describe, expect, it } from "vitest";
import { invalidDestinationsMessage, parseDestinations } from "./destinations";
import { MAX_A2P_DESTINATIONS, ZA2PPanelInput } from "./schemas";
import { planDelivery, planReply } from "./simulator";

describe("the one-way page's destination list", () => {
  it.each([
    ["one per line", "+14155550100\n+447700900123\r\n+4930123456", ["+14155550100", "+447700900123", "+4930123456"], [], 0],
    ["commas and semicolons, formatted numbers", "+1 (415) 555-0100, +44 7700 900123;+49.30.123456", ["+14155550100", "+447700900123", "+4930123456"], [], 0],
    ["blank lines and entries are skipped", "\n  +14155550100 ,, \n\n", ["+14155550100"], [], 0],
    ["repeats are sent once", "+14155550100\n+1 415 555 0100, +14155550100", ["+14155550100"], [], 2],
    ["bad entries by line", "+14155550100\nabc\n+447700900123, 12345\n", ["+14155550100", "+447700900123"], [{ line: 2, value: "abc" }, { line: 3, value: "12345" }], 0],
    ["nothing", "", [], [], 0],
  ] as const)("%s", (_name, raw, numbers, invalid, duplicates) => {
    expect(parseDestinations(raw)).toEqual({ numbers, invalid, duplicates });
  });

  it("names the first bad lines and counts the rest", () => {
    const bad = Array.from({ length: 7 }, (_, i) => ({ line: i + 1, value: `x${i}` }));
    expect(invalidDestinationsMessage(bad)).toBe(
      "Not phone numbers in international format (+ country code and number): line 1 “x0”, line 2 “x1”, line 3 “x2”, line 4 “x3”, line 5 “x4” and 2 more",
    );
    expect(invalidDestinationsMessage([{ line: 4, value: "y".repeat(30) }])).toContain(`line 4 “${"y".repeat(24)}…”`);
  });

  it("the panel's input refuses a list with a bad line, naming it under destinations", () => {
    const ok = ZA2PPanelInput.safeParse({ sender: "Acme", destinations: "+14155550100\n+447700900123", text: "hi" });
    expect(ok.success && ok.data.destinations).toEqual(["+14155550100", "+447700900123"]);
    const bad = ZA2PPanelInput.safeParse({ sender: "Acme", destinations: "+14155550100\nnope", text: "hi" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues).toEqual([expect.objectContaining({ path: ["destinations"], message: expect.stringContaining("line 2 “nope”") })]);
    const empty = ZA2PPanelInput.safeParse({ sender: "Acme", destinations: " \n ", text: "hi" });
    expect(empty.error?.issues[0]).toMatchObject({ path: ["destinations"], message: "Add at least one destination" });
    const many = Array.from({ length: MAX_A2P_DESTINATIONS + 1 }, (_, i) => `+1415${String(5_000_000 + i)}`).join("\n");
    expect(ZA2PPanelInput.safeParse({ sender: "Acme", destinations: many, text: "hi" }).error?.issues[0]).toMatchObject({
      path: ["destinations"],
      message: `At most ${MAX_A2P_DESTINATIONS} destinations at a time (this list has ${MAX_A2P_DESTINATIONS + 1})`,
    });
  });
});

describe("the simulator's test destinations", () => {
  const now = new Date(Date.UTC(2026, 10, 1));
  const unlucky = () => 0; // a draw that would fail any other destination
  it("...0000 always fails; ...1111 and ...2222 are always delivered, whatever the draw", () => {
    expect(planDelivery("+14155550000", now, () => 0.99).outcome).toBe("failed");
    expect(planDelivery("+14155551111", now, unlucky).outcome).toBe("delivered");
    expect(planDelivery("+447700902222", now, unlucky).outcome).toBe("delivered");
    expect(planDelivery("+14155551234", now, unlucky).outcome).toBe("failed");
  });

  it("...1111 always replies, 10 to 60 s after delivery", () => {
    const plan = planDelivery("+14155551111", now, unlucky);
    const reply = planReply("+14155551111", plan, () => 0.999);
    expect(reply).not.toBeNull();
    expect(reply!.at.getTime() - plan.finalAt.getTime()).toBeGreaterThanOrEqual(10_000);
    expect(reply!.at.getTime() - plan.finalAt.getTime()).toBeLessThan(60_000);
  });
});
