import { describe, expect, it } from "vitest";
import { SECTIONS } from "@/lib/access/matrix";
import { OWNER_PAGES } from "@/lib/access/account-owner";
import { APP_TABS, NAV, OWNER_NAV } from "./nav";

describe("navigation", () => {
  it("the sidebar lists exactly the page sections with a fixed route, at that route", () => {
    const items = NAV.flatMap((g) => g.items);
    const fixed = SECTIONS.filter((s) => s.kind === "page" && s.path && !s.path.includes("["));
    expect(items.map((i) => i.section).sort()).toEqual(fixed.map((s) => s.id).sort());
    for (const i of items) expect(i.href).toBe(fixed.find((s) => s.id === i.section)?.path);
  });

  it("the application tabs are exactly the per-application page sections", () => {
    const perApp = SECTIONS.filter((s) => s.kind === "page" && s.path?.startsWith("/applications/[appId]"));
    expect(APP_TABS.map((t) => t.section).sort()).toEqual(perApp.map((s) => s.id).sort());
    for (const t of APP_TABS) {
      const expected = perApp.find((s) => s.id === t.section)!.path!.replace("/applications/[appId]", "");
      expect(t.segment ? `/${t.segment}` : "").toBe(expected);
    }
  });

  it("the owner-only entries are exactly the owner pages of ours, none of them a matrix section's route", () => {
    expect(OWNER_NAV.map((o) => o.page).sort()).toEqual(Object.keys(OWNER_PAGES).sort());
    for (const o of OWNER_NAV) {
      expect(SECTIONS.some((s) => s.path === o.href), o.href).toBe(false);
      expect(NAV.some((g) => g.title === o.group), o.group).toBe(true);
    }
  });
});
