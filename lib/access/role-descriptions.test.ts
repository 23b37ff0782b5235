import { describe, expect, it } from "vitest";
import { ASSIGNABLE_ROLES, can } from "./matrix";
import { ROLE_DESCRIPTIONS, describeRole } from "./role-descriptions";

describe("role descriptions", () => {
  it("give every assignable role one distinct line", () => {
    expect(Object.keys(ROLE_DESCRIPTIONS).sort()).toEqual([...ASSIGNABLE_ROLES].sort());
    const lines = ASSIGNABLE_ROLES.map(describeRole);
    expect(new Set(lines).size).toBe(lines.length);
    for (const line of lines) {
      expect(line).not.toMatch(/\n/);
      expect(line.length).toBeLessThanOrEqual(100);
      expect(line).not.toMatch(/\d+ of \d+ sections/);
    }
  });

  for (const role of ASSIGNABLE_ROLES) {
    it(`${role}: what the line names, the matrix grants; what it says is missing, the matrix refuses`, () => {
      const d = ROLE_DESCRIPTIONS[role];
      for (const s of d.names) expect(can({ roles: [role] }, s), `${role} holds ${s}`).toBe(true);
      for (const s of d.lacks) expect(can({ roles: [role] }, s), `${role} lacks ${s}`).toBe(false);
    });
  }
});
