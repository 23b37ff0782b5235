// Threat: broken access control (OWASP A01) — a principal reaching a section its roles do not
// grant, by URL or through a link the sidebar should not have shown; and a page reachable with no
// session at all. Data-driven from role-matrix.json: every principal x every page section.
// Request contexts only (no browser): the server's answer is what is being tested.
import type { APIRequestContext } from "@playwright/test";
import { test, expect, navSections, attributeValues, locationPath } from "./fixtures";
import { BASE_URL } from "./fixtures/env";
import { OWNER, PAGE_SECTIONS, PRINCIPALS, SECTIONS, holds, isFixedRoute, isPerApplication, type MatrixSection, type Principal } from "./fixtures/matrix";
import { ACTION_CONTROLS } from "./fixtures/action-controls";

// No number exists in the demo account: holders of numbers.parameters get a 404 for this id.
const MISSING_NUMBER_ID = 987654321;

function urlOf(section: MatrixSection & { path: string }, appId: number): string {
  return section.path.replace("[appId]", String(appId)).replace("[numberId]", String(MISSING_NUMBER_ID));
}

function expectedStatus(p: Principal, s: MatrixSection): number {
  if (!holds(p, s)) return 403;
  return s.path?.includes("[numberId]") ? 404 : 200;
}

/** How the 403 page names a granting role (MainAccount is the account owner's own login). */
const roleLabel = (r: string) => (r === OWNER ? "the account owner" : r);

/**
 * The text of the 403 page's refusal block for `id` (the sidebar around it also names sections).
 * Next streams the forbidden() boundary in its RSC payload, so the block is found either as HTML
 * (data-forbidden="id") or in that payload (data-forbidden\":\"id\"); empty when absent.
 */
function refusalText(html: string, id: string): string {
  const at = [`data-forbidden="${id}"`, `data-forbidden\\":\\"${id}\\"`].map((m) => html.indexOf(m)).find((i) => i >= 0);
  if (at === undefined) return "";
  return html.slice(at, at + 2_000).replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'");
}

const firstHeldPage = <S extends MatrixSection>(p: Principal, candidates: S[]) => candidates.find((s) => holds(p, s));

test.describe.configure({ mode: "parallel" });

for (const principal of PRINCIPALS) {
  test.describe(`${principal}`, () => {
    let api: APIRequestContext;
    let appId: number;

    test.beforeEach(async ({ apiAs, factory }) => {
      api = await apiAs(principal);
      appId = (await factory.demoApplication("sales")).id;
    });

    test("sidebar shows exactly the fixed-route page sections it holds", async () => {
      const expected = PAGE_SECTIONS.filter((s) => isFixedRoute(s) && holds(principal, s)).map((s) => s.id).sort();
      const landing = PAGE_SECTIONS.find((s) => s.id === "control_panel" && holds(principal, s)) ?? firstHeldPage(principal, PAGE_SECTIONS.filter(isFixedRoute));
      expect(landing, `${principal} holds no page at all`).toBeTruthy();
      const res = await api.get(landing!.path!, { maxRedirects: 0 });
      expect(res.status()).toBe(200);
      const shown = navSections(await res.text(), "Sections") ?? [];
      expect(new Set(shown).size, "no section twice in the sidebar").toBe(shown.length);
      expect(shown.sort()).toEqual(expected);
    });

    test("every page section's URL answers 200 if held, 403 naming the granting roles if not", async () => {
      for (const section of PAGE_SECTIONS) {
        const url = urlOf(section, appId);
        const res = await api.get(url, { maxRedirects: 0 });
        const want = expectedStatus(principal, section);
        expect.soft(res.status(), `${principal} GET ${url} (${section.id})`).toBe(want);
        if (want === 403 && res.status() === 403) {
          const html = await res.text();
          const text = refusalText(html, section.id);
          // A refused section is not the page of a held link that covers its path (/calls for /calls/active).
          if (isFixedRoute(section)) {
            const nav = /<nav[^>]*aria-label="Sections"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? "";
            expect.soft(nav, `403 page of ${section.id} marks no sidebar link current`).not.toContain('aria-current="page"');
          }
          expect.soft(text, `403 page of ${section.id} names the section it refused`).not.toBe("");
          for (const role of section.roles) {
            expect.soft(text, `403 page of ${section.id} names ${role}`).toContain(roleLabel(role));
          }
        }
      }
    });

    const appPages = PAGE_SECTIONS.filter(isPerApplication);
    if (appPages.some((s) => holds(principal, s))) {
      test("the application page shows exactly the per-application tabs it holds", async () => {
        const users = appPages.find((s) => s.id === "application.users");
        const landing = users && holds(principal, users) ? users : firstHeldPage(principal, appPages)!;
        const res = await api.get(urlOf(landing, appId), { maxRedirects: 0 });
        expect(res.status()).toBe(200);
        const tabs = navSections(await res.text(), "Application sections");
        expect(tabs, "the application page has its tabs").not.toBeNull();
        expect(tabs!.sort()).toEqual(appPages.filter((s) => holds(principal, s)).map((s) => s.id).sort());
      });
    }

    const controls = ACTION_CONTROLS.filter((c) => holds(principal, PAGE_SECTIONS.find((s) => s.id === c.page)!));
    if (controls.length > 0) {
      test("each action control is on its page exactly when the principal holds the action", async () => {
        for (const c of controls) {
          const page = PAGE_SECTIONS.find((s) => s.id === c.page)!;
          const action = SECTIONS.find((s) => s.id === c.action);
          expect(action, `${c.action} is a row of role-matrix.json`).toBeTruthy();
          const res = await api.get(urlOf(page, appId), { maxRedirects: 0 });
          expect(res.status(), `${principal} GET ${page.path}`).toBe(200);
          const shown = attributeValues(await res.text(), "data-action").includes(c.action);
          expect.soft(shown, `data-action="${c.action}" on ${page.path} for ${principal}`).toBe(holds(principal, action!));
        }
      });
    }

    const subusers = PAGE_SECTIONS.find((s) => s.id === "subusers")!;
    if (holds(principal, subusers)) {
      test("the Add subuser control is rendered only for those who hold subusers.create", async () => {
        const res = await api.get(subusers.path, { maxRedirects: 0 });
        expect(res.status()).toBe(200);
        const actions = attributeValues(await res.text(), "data-action");
        // Only the account owner holds subusers.create; an Owner subuser sees the page, not the button.
        expect(actions.includes("subusers.create")).toBe(principal === OWNER);
      });
    }
  });
}

test("the action-controls table names real action rows and the pages that show them, one line per action, sorted", () => {
  for (const c of ACTION_CONTROLS) {
    expect(SECTIONS.find((s) => s.id === c.action)?.kind, c.action).toBe("action");
    expect(PAGE_SECTIONS.some((s) => s.id === c.page), c.page).toBe(true);
  }
  const ids = ACTION_CONTROLS.map((c) => c.action);
  expect(ids).toEqual([...new Set(ids)].sort());
});

test("without a session every page redirects to /login, naming the page to return to", async ({ request: api, factory }) => {
  const appId = (await factory.demoApplication("sales")).id;
  for (const section of PAGE_SECTIONS) {
    const url = urlOf(section, appId);
    const res = await api.get(url, { maxRedirects: 0 });
    expect.soft(res.status(), `GET ${url} without cookies`).toBeGreaterThanOrEqual(300);
    expect.soft(res.status(), `GET ${url} without cookies`).toBeLessThan(400);
    expect.soft(locationPath(res.headers().location), `GET ${url} without cookies`).toBe("/login");
    // Naming the page, to land on after logging in (the dashboard is where logins land anyway).
    expect.soft(new URL(res.headers().location ?? "", BASE_URL).searchParams.get("next"), `GET ${url}: the page to return to`).toBe(url === "/dashboard" ? null : url);
  }
});

test("a forged session cookie gets no page either", async ({ playwright, factory }) => {
  // Threat: the proxy only checks that a cookie exists; every page must still verify it.
  const api = await playwright.request.newContext({
    baseURL: BASE_URL,
    storageState: {
      cookies: [{ name: "authjs.session-token", value: "forged", domain: "127.0.0.1", path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" }],
      origins: [],
    },
  });
  const appId = (await factory.demoApplication("sales")).id;
  for (const section of PAGE_SECTIONS) {
    const url = urlOf(section, appId);
    const res = await api.get(url);
    expect.soft(new URL(res.url()).pathname, `GET ${url} with a forged cookie ends on`).toBe("/login");
  }
  await api.dispose();
});
