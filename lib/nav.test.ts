import { describe, expect, it } from "vitest";
import { SECTIONS } from "@/lib/access/matrix";
import { OWNER_PAGES } from "@/lib/access/account-owner";
import { APP_TABS, NAV, OWNER_NAV, sectionGroup, sectionTitle } from "./nav";

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

describe("one name per thing", () => {
  it("every page section has an everyday title of its own, different from the seed's wording where that reads like a matrix", () => {
    const pages = SECTIONS.filter((s) => s.kind === "page");
    const titles = pages.map((s) => sectionTitle(s.id));
    expect(new Set(titles).size).toBe(titles.length);
    expect(sectionTitle("control_panel")).toBe("Dashboard");
    expect(sectionTitle("profile")).toBe("Profile");
    expect(sectionTitle("numbers.list")).toBe("My numbers");
    expect(sectionTitle("application.users")).toBe("Application users");
    for (const t of titles) expect(t).not.toMatch(/certain application|Getting the list/i);
  });

  it("a sidebar page's title is its sidebar entry, under its group", () => {
    for (const g of NAV) {
      for (const i of g.items) {
        expect(sectionTitle(i.section)).toBe(i.title);
        expect(sectionGroup(i.section)).toBe(g.items.length === 1 && g.title === i.title ? null : g.title);
      }
    }
  });
});
