import { describe, expect, it } from "vitest";
import { deleteBlockedBy, startedBy } from "./started-by";

describe("what starts a scenario, as the editor says it", () => {
  it("names the reader's rules and counts its child accounts' rules", () => {
    expect(startedBy([], 0)).toBe("no rule starts it yet");
    expect(startedBy(["inbound"], 0)).toBe("started by inbound");
    expect(startedBy(["inbound", "sales"], 2)).toBe("started by inbound, sales, 2 rules of child accounts");
    expect(startedBy([], 1)).toBe("started by 1 rule of child accounts");
  });

  it("the Delete dialog says what must stop starting it first, or nothing when it can go", () => {
    expect(deleteBlockedBy([], 0)).toBeNull();
    expect(deleteBlockedBy(["inbound"], 0)).toBe("The rule inbound starts this scenario: remove it from that rule on the Rules tab first.");
    expect(deleteBlockedBy([], 3)).toBe("3 rules of child accounts start it: it can be deleted once your child accounts no longer use it.");
    expect(deleteBlockedBy(["a", "b"], 1)).toBe(
      "The rules a, b start this scenario: remove it from them on the Rules tab first. 1 rule of child accounts starts it: it can be deleted once your child accounts no longer use it.",
    );
  });
});
