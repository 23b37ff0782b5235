// docs/STYLE.md: "No role name appears outside lib/access/ and tests; a test greps for it." A quoted
// role name anywhere else means some code decides access by role instead of asking the matrix
// module (can / authorize / explain), which is how sidebar, pages and API drift apart.
// Mirrors the check in shared/hooks/before-stop, plus MainAccount (also a role, never assigned).
// "Support" is left out on purpose: it is also a section title.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROLES } from "@/lib/access/matrix";

const root = path.resolve(import.meta.dirname, "..");
const CHECKED_ROLES = [
  "MainAccount", "Owner", "Admin", "Developer", "Supervisor", "Accountant",
  "CallListManager", "UserManager", "Payer", "PayerNoVerify", "PhoneNumberManager",
];
const QUOTED_ROLE = new RegExp(`["'\`](${CHECKED_ROLES.join("|")})["'\`]`);
const EXEMPT = /^lib\/access\/|\.test\.|\/__tests__\/|\.spec\./;

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(path.join(root, dir))) {
    const rel = `${dir}/${entry}`;
    if (statSync(path.join(root, rel)).isDirectory()) yield* files(rel);
    else yield rel;
  }
}

describe("role names stay inside lib/access/", () => {
  it("checks every role but Support", () => {
    expect([...CHECKED_ROLES, "Support"].sort()).toEqual([...ROLES].sort());
  });

  it("no quoted role name in app/, components/ or lib/ outside lib/access/ and tests", () => {
    const hits: string[] = [];
    let scanned = 0;
    for (const dir of ["app", "components", "lib"]) {
      for (const file of files(dir)) {
        if (EXEMPT.test(file)) continue;
        scanned++;
        readFileSync(path.join(root, file), "utf8")
          .split("\n")
          .forEach((text, i) => {
            if (QUOTED_ROLE.test(text)) hits.push(`${file}:${i + 1}: ${text.trim()}`);
          });
      }
    }
    expect(scanned).toBeGreaterThan(10);
    expect(hits, `Ask lib/access/ (can, authorize, explain, describeGranters) instead:\n${hits.join("\n")}`).toEqual([]);
  });

  it("the pattern catches what it should and spares what it should", () => {
    expect(QUOTED_ROLE.test(`if (role === "Owner")`)).toBe(true);
    expect(QUOTED_ROLE.test("roles: ['PhoneNumberManager']")).toBe(true);
    expect(QUOTED_ROLE.test("`Admin`")).toBe(true);
    expect(QUOTED_ROLE.test(`title: "Support"`)).toBe(false);
    expect(QUOTED_ROLE.test(`"Owners of the account"`)).toBe(false);
    expect(EXEMPT.test("lib/access/matrix.ts")).toBe(true);
    expect(EXEMPT.test("lib/domains/subusers/mutations.test.ts")).toBe(true);
    expect(EXEMPT.test("lib/domains/subusers/mutations.ts")).toBe(false);
  });
});
