import { describe, expect, it } from "vitest";
import { sectionsFor } from "@/lib/access/matrix";
import { describeRole } from "@/lib/access/role-descriptions";
import { roleOptions } from "./role-options";

describe("role options", () => {
  it("describe each assignable role in one line, with the number of sections the matrix gives it as its reach", () => {
    const options = roleOptions();
    expect(options.map((o) => o.role)).not.toContain("MainAccount");
    expect(options).toHaveLength(11);
    for (const o of options) {
      expect(o.sections).toBe(sectionsFor([o.role]).size);
      expect(o.titles).toHaveLength(o.sections);
      expect(o.reach).toMatch(new RegExp(`^${o.sections} of 53 sections`));
      // The picker says what a role is for (issue 8), not how many sections it counts.
      expect(o.hint).toBe(describeRole(o.role));
      expect(o.hint).not.toMatch(/of 53 sections/);
    }
    expect(options.find((o) => o.role === "Owner")?.reach).toContain("Subusers");
    expect(options.find((o) => o.role === "PhoneNumberManager")?.reach).toContain("Reserved numbers");
  });
});
