import { describe, expect, it } from "vitest";
import { sectionsFor } from "@/lib/access/matrix";
import { roleOptions } from "./role-options";

describe("role options", () => {
  it("describe each assignable role with the number of sections the matrix gives it", () => {
    const options = roleOptions();
    expect(options.map((o) => o.role)).not.toContain("MainAccount");
    expect(options).toHaveLength(11);
    for (const o of options) {
      expect(o.sections).toBe(sectionsFor([o.role]).size);
      expect(o.titles).toHaveLength(o.sections);
      expect(o.hint).toMatch(new RegExp(`^${o.sections} of 53 sections`));
    }
    expect(options.find((o) => o.role === "Owner")?.hint).toContain("Subusers");
    expect(options.find((o) => o.role === "PhoneNumberManager")?.hint).toContain("Reserved numbers");
  });
});
