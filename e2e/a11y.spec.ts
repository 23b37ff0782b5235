// Accessibility (issue 8, item 8): axe-core on every page route of the panel, as the account owner
// (in the light and the dark theme) and as three subuser roles whose pages differ, plus the
// pages outside the panel. Any serious or critical violation fails, named with its elements.
//
// The owner's runs open every route: the light run checks every rule of AXE_TAGS, the dark run
// only the rules that depend on colour (COLOUR_RULES), since the theme changes colours and nothing
// else. A subuser's run opens every page it may see except the API reference (one static
// document, the same for every role: the owner's runs check it in both themes, and it alone takes
// half a minute), and only the first of its 403 (and 404) routes: those are one component that
// differs only by the section's name, and each costs as much as a page.
// The owner's runs are split in two, so no single test holds a worker for minutes.
// The owner's dark runs also resize each page to a phone's width and check that it does not scroll
// sideways (reflow, WCAG 1.4.10; responsive.spec.ts opens a Supervisor's pages at 390 px):
// opening every page once more at 390 px cost a minute of a worker.
import { COLOUR_RULES, seriousViolations } from "./fixtures/axe";
import { test, expect } from "./fixtures";
import { BASE_URL, storageStatePath } from "./fixtures/env";
import { OWNER } from "./fixtures/matrix";
import { panelRoutes, type PageRoute } from "./fixtures/pages";
import { sidewaysScrollOnPhone } from "./fixtures/reflow";

test.describe.configure({ mode: "parallel" });

const API_REFERENCE = "/settings/service-accounts/api-docs";

/** `reflow`: each page is also checked for sideways scrolling at a phone's width. */
type Run = { principal: string; colorScheme: "light" | "dark"; part?: [number, number]; reflow?: true };

const RUNS: Run[] = [
  { principal: OWNER, colorScheme: "light", part: [1, 2] },
  { principal: OWNER, colorScheme: "light", part: [2, 2] },
  { principal: OWNER, colorScheme: "dark", part: [1, 2], reflow: true },
  { principal: OWNER, colorScheme: "dark", part: [2, 2], reflow: true },
  { principal: "Developer", colorScheme: "light" },
  { principal: "Accountant", colorScheme: "light" },
  { principal: "UserManager", colorScheme: "light" },
];

/** The routes one run opens (see the header): all of them for the owner, one part of them if split. */
function routesOf({ principal, part }: Run, appId: number): PageRoute[] {
  const all = panelRoutes(principal, appId);
  let routes = all;
  if (principal !== OWNER) {
    const firstOfStatus = new Map<number, string>();
    for (const r of all) if (r.status !== 200 && !firstOfStatus.has(r.status)) firstOfStatus.set(r.status, r.url);
    routes = all.filter((r) => (r.status === 200 ? r.url !== API_REFERENCE : firstOfStatus.get(r.status) === r.url));
  }
  if (!part) return routes;
  const [n, of] = part;
  return routes.filter((_, i) => i % of === n - 1);
}

for (const run of RUNS) {
  const { principal, colorScheme, part, reflow } = run;
  const what = `no serious or critical axe violation${reflow ? " and no sideways scrolling at 390 px" : ""} on any page route`;
  test(`${principal} (${colorScheme}${part ? `, part ${part.join(" of ")}` : ""}): ${what}`, async ({ browser, factory }) => {
    test.setTimeout(300_000);
    const appId = (await factory.demoApplication("sales")).id;
    const routes = routesOf(run, appId);
    expect(routes.length, "routes to check").toBeGreaterThan(principal === OWNER ? 15 : 4);
    const context = await browser.newContext({ baseURL: BASE_URL, storageState: storageStatePath(principal), colorScheme });
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    const wide: string[] = [];
    // What the browser reported while a route loaded, and how its document starts, shown with that
    // route's findings (to tell a page's own fault from a document caught mid-render).
    let reported: string[] = [];
    page.on("pageerror", (e) => reported.push(`page error: ${e.message.slice(0, 200)}`));
    page.on("console", (m) => {
      if (m.type() === "error") reported.push(`console error: ${m.text().slice(0, 200)}`);
    });
    // A record's page too, in the owner's first part: a call session of the demo (its legs and log).
    const session = principal === OWNER && (!part || part[0] === 1) ? await factory.db.callSession.findFirst({ where: { applicationId: appId }, orderBy: { id: "asc" }, select: { id: true } }) : null;
    const records: PageRoute[] = session ? [{ url: `/calls/${session.id}`, section: "calls", status: 200 }] : [];
    for (const route of [...routes, ...records]) {
      reported = [];
      const res = await page.goto(route.url);
      expect.soft(res?.status(), `${principal} ${route.url}`).toBe(route.status);
      // A 403 or 404 page is still settling at "load": axe has twice found its <html> without lang
      // (an Accountant's 404, a Developer's 403), and the same document with lang="en" moments
      // later. Checked once the page has fetched what it needs, as a person would meet it.
      if (route.status !== 200) await page.waitForLoadState("networkidle");
      const v = await seriousViolations(page, colorScheme === "dark" ? COLOUR_RULES : undefined);
      if (v.length) {
        const root = await page.evaluate(() => document.documentElement.outerHTML.slice(0, 160));
        found[`${route.url} (${route.status})`] = [...v, `document starts: ${root}`, ...reported];
      }
      const wider = reflow ? await sidewaysScrollOnPhone(page) : null;
      if (wider) wide.push(`${route.url}: ${wider}`);
    }
    await context.close();
    expect(found).toEqual({});
    expect(wide, "pages that scroll sideways at 390 px").toEqual([]);
  });
}

test("the owner's runs between them open every page route; each subuser's, every page it may see but the API reference, and one 403", () => {
  const appId = 1;
  const urls = (r: PageRoute[]) => r.map((x) => x.url).sort();
  const ownerParts = RUNS.filter((r) => r.principal === OWNER && r.colorScheme === "light").flatMap((r) => routesOf(r, appId));
  expect(urls(ownerParts)).toEqual(urls(panelRoutes(OWNER, appId)));
  // The owner's check at a phone's width (moved here from responsive.spec.ts) covers every route too.
  const reflowParts = RUNS.filter((r) => r.principal === OWNER && r.reflow).flatMap((r) => routesOf(r, appId));
  expect(urls(reflowParts)).toEqual(urls(panelRoutes(OWNER, appId)));
  for (const run of RUNS.filter((r) => r.principal !== OWNER)) {
    const routes = routesOf(run, appId);
    const expected = panelRoutes(run.principal, appId).filter((r) => r.status === 200 && r.url !== API_REFERENCE);
    expect(urls(routes.filter((r) => r.status === 200)), run.principal).toEqual(urls(expected));
    expect(routes.filter((r) => r.status === 403), run.principal).toHaveLength(1);
  }
});

test("the check finds what it is for: an image without a text alternative, a button without a name", async ({ page }) => {
  await page.setContent('<main><h1>Probe</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button></main>');
  const found = await seriousViolations(page);
  expect(found.map((v) => v.split(" ")[0])).toEqual(expect.arrayContaining(["image-alt", "button-name"]));
  // The dark runs' rule set still finds low contrast, and nothing outside its rules.
  await page.setContent('<main><h1>Probe</h1><p style="color:#777;background:#888">Hard to read</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main>');
  expect((await seriousViolations(page, COLOUR_RULES)).map((v) => v.split(" ")[0])).toEqual(["color-contrast"]);
});

test("the pages outside the panel: login, subuser login, signup, a 404", async ({ page, factory }) => {
  const demo = await factory.demoAccount();
  const found: Record<string, string[]> = {};
  for (const url of ["/login", `/login/subuser/${demo.id}`, "/signup", "/no-such-page"]) {
    await page.goto(url);
    const v = await seriousViolations(page);
    if (v.length) found[url] = v;
  }
  expect(found).toEqual({});
});
