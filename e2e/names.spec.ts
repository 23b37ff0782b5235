// One name per thing (issue 8, item 6): a page's sidebar entry, heading, browser tab title and
// breadcrumb say the same words; application pages use the application's name; each role in
// the roles picker says what it is for in one line.
import { test, expect } from "./fixtures";
import { OWNER, PAGE_SECTIONS, holds, isFixedRoute } from "./fixtures/matrix";

const text = (html: string) => html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&#x27;|&#39;/g, "'").trim();
const first = (html: string, re: RegExp) => text(re.exec(html)?.[1] ?? "");

test("every sidebar page: sidebar entry, h1, <title> and breadcrumb agree", async ({ apiAs }) => {
  const api = await apiAs(OWNER);
  for (const s of PAGE_SECTIONS.filter((x) => isFixedRoute(x) && holds(OWNER, x))) {
    const html = await (await api.get(s.path)).text();
    const nav = /<nav[^>]*aria-label="Sections"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? "";
    const entry = first(nav, new RegExp(`<a[^>]*data-section="${s.id.replace(".", "\\.")}"[^>]*>([\\s\\S]*?)</a>`));
    expect.soft(entry, `${s.id} has a sidebar entry`).not.toBe("");
    expect.soft(first(html, /<h1[^>]*>([\s\S]*?)<\/h1>/), `${s.id} h1`).toBe(entry);
    expect.soft(first(html, /<title>([\s\S]*?)<\/title>/), `${s.id} title`).toBe(`${entry} · Switchboard`);
    const crumb = first(html, /<li[^>]*data-crumb-current[^>]*>([\s\S]*?)<\/li>/);
    if (crumb) expect.soft(crumb, `${s.id} breadcrumb`).toBe(entry);
    // The current page is marked in the sidebar.
    expect.soft(nav, `${s.id} marked current`).toMatch(new RegExp(`data-section="${s.id.replace(".", "\\.")}"[^>]*aria-current="page"|aria-current="page"[^>]*data-section="${s.id.replace(".", "\\.")}"`));
  }
});

test("an application's pages: its name, the tab's name, the same in tab title and breadcrumb", async ({ apiAs, factory }) => {
  const api = await apiAs(OWNER);
  const app = await factory.demoApplication("sales");
  const overview = await (await api.get(`/applications/${app.id}`)).text();
  expect(first(overview, /<h1[^>]*>([\s\S]*?)<\/h1>/)).toBe(app.name);
  expect(first(overview, /<title>([\s\S]*?)<\/title>/)).toBe(`${app.name} · Switchboard`);
  expect(overview).not.toMatch(/certain application/i);
  const users = await (await api.get(`/applications/${app.id}/users`)).text();
  expect(first(users, /<h1[^>]*>([\s\S]*?)<\/h1>/)).toBe("Users");
  expect(first(users, /<title>([\s\S]*?)<\/title>/)).toBe(`Users · ${app.name} · Switchboard`);
  expect(first(users, /<li[^>]*data-crumb-current[^>]*>([\s\S]*?)<\/li>/)).toBe("Users");
  const tabs = /<nav[^>]*aria-label="Application sections"[^>]*>([\s\S]*?)<\/nav>/.exec(users)?.[1] ?? "";
  expect(first(tabs, /<a[^>]*aria-current="page"[^>]*>([\s\S]*?)<\/a>/)).toBe("Users");
});

test("the roles picker says what each role is for, in one line, not how many sections it counts", async ({ browserLoggedIn, factory }) => {
  const acct = await factory.account();
  const page = await (await browserLoggedIn({ kind: "owner", login: acct.name, password: acct.password })).newPage();
  await page.goto("/settings/subusers");
  await page.locator('[data-action="subusers.create"]').click();
  const d = page.getByRole("dialog", { name: "Add subuser" });
  // The dialog's body loads lazily (components/ui/dialog.tsx): wait for it before reading it.
  const descriptions = d.locator("[data-role-description]");
  await expect(descriptions).toHaveCount(11);
  const lines = await descriptions.allTextContents();
  for (const line of lines) {
    expect(line).not.toMatch(/\d+ of \d+ sections/);
    expect(line.length).toBeGreaterThan(20);
  }
  await expect(d.locator('[data-role-description="Supervisor"]')).toContainText("cannot delete");
  await expect(d.locator('[data-role-description="UserManager"]')).toContainText("no scenarios, rules or numbers");
});
