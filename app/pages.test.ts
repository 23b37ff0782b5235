// Static check of the routing contract (docs/PRODUCT.md section 9): every page section of the matrix
// has its page file at the fixed route, and that page's first statement is requireSection with
// exactly that section id, imported from the real guard; the owner-only pages of ours that are not
// matrix sections (/settings/child-accounts) open with requireOwner(<page>) instead. It catches a
// page guarded by the wrong section, or not guarded at all, without rendering anything.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { SECTIONS, isSectionId } from "@/lib/access/matrix";
import { OWNER_PAGES } from "@/lib/access/account-owner";

const PANEL_DIR = path.resolve(import.meta.dirname, "(panel)");

/** Routes that are not a section's own path, with the section that guards them. */
const EXTRA_ROUTES: Record<string, string> = {
  "/settings/access": "subusers",
};

/** Owner-only pages of ours (not matrix sections: lib/access/account-owner.ts), with their requireOwner page id. */
const OWNER_ROUTES: Record<string, string> = {
  "/settings/child-accounts": "child_accounts",
};

type Guard = {
  /** The section id of `[const x =] await requireSection("<id>")` when it is the page's first statement. */
  first: string | null;
  /** Every requireSection call in the file, by its first argument's text. */
  calls: string[];
  importedFromGuards: boolean;
  /** The page id of `[const x =] await requireOwner("<page>")` when it is the page's first statement. */
  ownerFirst: string | null;
  /** Every requireOwner call in the file, by its first argument's text. */
  ownerCalls: string[];
  ownerImportedFromGuards: boolean;
};

function pageFile(route: string): string {
  return path.join(PANEL_DIR, ...route.split("/").filter(Boolean), "page.tsx");
}

function routeOf(file: string): string {
  const rel = path.relative(PANEL_DIR, path.dirname(file)).split(path.sep).filter(Boolean);
  // Route groups "(x)" and private folders never reach the URL.
  return `/${rel.filter((seg) => !/^\(.*\)$/.test(seg)).join("/")}`;
}

function findPages(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith("_")) out.push(...findPages(full));
    else if (entry.isFile() && entry.name === "page.tsx") out.push(full);
  }
  return out;
}

function requireSectionArg(expr: ts.Expression | undefined, guard = "requireSection"): string | null {
  if (!expr || !ts.isAwaitExpression(expr)) return null;
  const call = expr.expression;
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== guard) return null;
  const [arg] = call.arguments;
  return arg && ts.isStringLiteral(arg) ? arg.text : null;
}

function defaultExportBody(source: ts.SourceFile): ts.Block | undefined {
  const functions = new Map<string, ts.Block | undefined>();
  let exported: ts.Block | undefined;
  let exportedName: string | undefined;
  for (const stmt of source.statements) {
    if (ts.isFunctionDeclaration(stmt)) {
      const mods = ts.getModifiers(stmt) ?? [];
      const isDefault = mods.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      if (isDefault) exported = stmt.body;
      if (stmt.name) functions.set(stmt.name.text, stmt.body);
    } else if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && ts.isBlock(init.body)) {
          functions.set(d.name.text, init.body);
        }
      }
    } else if (ts.isExportAssignment(stmt) && ts.isIdentifier(stmt.expression)) {
      exportedName = stmt.expression.text;
    }
  }
  return exported ?? (exportedName ? functions.get(exportedName) : undefined);
}

function guardOf(file: string, text = readFileSync(file, "utf8")): Guard {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const calls: string[] = [];
  const ownerCalls: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "requireSection") {
      calls.push(node.arguments[0]?.getText(source) ?? "");
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "requireOwner") {
      ownerCalls.push(node.arguments[0]?.getText(source) ?? "");
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  const firstStmt = defaultExportBody(source)?.statements[0];
  const firstGuardArg = (guard: string): string | null => {
    if (firstStmt && ts.isExpressionStatement(firstStmt)) return requireSectionArg(firstStmt.expression, guard);
    if (firstStmt && ts.isVariableStatement(firstStmt) && firstStmt.declarationList.declarations.length === 1) {
      return requireSectionArg(firstStmt.declarationList.declarations[0]?.initializer, guard);
    }
    return null;
  };

  const imports = (name: string) =>
    source.statements.some(
      (s) =>
        ts.isImportDeclaration(s) &&
        ts.isStringLiteral(s.moduleSpecifier) &&
        s.moduleSpecifier.text === "@/lib/server/guards" &&
        !!s.importClause?.namedBindings &&
        ts.isNamedImports(s.importClause.namedBindings) &&
        s.importClause.namedBindings.elements.some((e) => e.name.text === name && !e.propertyName),
    );
  return {
    first: firstGuardArg("requireSection"),
    calls,
    importedFromGuards: imports("requireSection"),
    ownerFirst: firstGuardArg("requireOwner"),
    ownerCalls,
    ownerImportedFromGuards: imports("requireOwner"),
  };
}

const PAGE_SECTIONS = SECTIONS.filter((s) => s.kind === "page");

describe("page routes and their guards", () => {
  it("covers every page section of the matrix", () => {
    expect(PAGE_SECTIONS).toHaveLength(41);
    for (const s of PAGE_SECTIONS) expect(s.path, s.id).toMatch(/^\//);
  });

  for (const s of PAGE_SECTIONS) {
    it(`${s.path} is guarded by requireSection("${s.id}")`, () => {
      const file = pageFile(s.path!);
      expect(existsSync(file), `missing page file ${path.relative(process.cwd(), file)}`).toBe(true);
      const guard = guardOf(file);
      expect(guard.first, "the page's first statement must be `const actor = await requireSection(...)`").toBe(s.id);
      expect(guard.calls, "exactly one requireSection call, with this section").toEqual([JSON.stringify(s.id)]);
      expect(guard.importedFromGuards, "requireSection must come from @/lib/server/guards").toBe(true);
    });
  }

  for (const [route, page] of Object.entries(OWNER_ROUTES)) {
    it(`${route} (owner only, not a matrix section) is guarded by requireOwner("${page}")`, () => {
      expect(Object.keys(OWNER_PAGES)).toContain(page);
      expect(SECTIONS.some((s) => s.path === route), "not a matrix section's route").toBe(false);
      const file = pageFile(route);
      expect(existsSync(file), `missing page file ${path.relative(process.cwd(), file)}`).toBe(true);
      const guard = guardOf(file);
      expect(guard.ownerFirst, "the page's first statement must be `const actor = await requireOwner(...)`").toBe(page);
      expect(guard.ownerCalls, "exactly one requireOwner call, with this page").toEqual([JSON.stringify(page)]);
      expect(guard.calls, "no requireSection: the page is no section's").toEqual([]);
      expect(guard.ownerImportedFromGuards, "requireOwner must come from @/lib/server/guards").toBe(true);
    });
  }

  it("guards every other panel page too, with a real section as its first statement", () => {
    const byPath = new Map(PAGE_SECTIONS.map((s) => [s.path!, s.id as string]));
    const pages = findPages(PANEL_DIR);
    expect(pages.length).toBeGreaterThan(0);
    for (const file of pages) {
      const route = routeOf(file);
      const guard = guardOf(file);
      // The owner-only pages of ours are checked above, as strictly.
      if (Object.hasOwn(OWNER_ROUTES, route)) {
        expect(guard.ownerFirst, route).toBe(OWNER_ROUTES[route]);
        continue;
      }
      expect(guard.importedFromGuards, route).toBe(true);
      expect(guard.first !== null && isSectionId(guard.first), `${route}: first statement is not requireSection(<section id>)`).toBe(true);
      const expected = byPath.get(route) ?? EXTRA_ROUTES[route];
      if (expected) expect(guard.first, route).toBe(expected);
    }
  });

  it("the checker tells right from wrong", () => {
    const imp = `import { requireSection } from "@/lib/server/guards";\n`;
    const check = (body: string) => guardOf("probe.tsx", imp + body);
    expect(check(`export default async function P() { const actor = await requireSection("numbers.list"); return actor.name; }`)).toEqual({
      first: "numbers.list", calls: ['"numbers.list"'], importedFromGuards: true, ownerFirst: null, ownerCalls: [], ownerImportedFromGuards: false,
    });
    const owner = `import { requireOwner } from "@/lib/server/guards";\n`;
    expect(guardOf("probe.tsx", owner + `export default async function P() { const actor = await requireOwner("child_accounts"); return actor.name; }`)).toMatchObject({
      first: null, ownerFirst: "child_accounts", ownerCalls: ['"child_accounts"'], ownerImportedFromGuards: true, importedFromGuards: false,
    });
    expect(guardOf("probe.tsx", owner + `export default async function P() { const x = 1; await requireOwner("child_accounts"); return x; }`).ownerFirst).toBeNull();
    expect(check(`export default async function P() { await requireSection("numbers.available"); }`).first).toBe("numbers.available");
    expect(check(`const P = async () => { await requireSection("logs"); };\nexport default P;`).first).toBe("logs");
    // Not first, not awaited, or not a literal: not a guard.
    expect(check(`export default async function P() { const x = 1; await requireSection("logs"); return x; }`).first).toBeNull();
    expect(check(`export default async function P() { requireSection("logs"); }`).first).toBeNull();
    expect(check(`const id = "logs";\nexport default async function P() { await requireSection(id); }`).first).toBeNull();
    expect(guardOf("probe.tsx", `import { requireSection } from "./fake";\nexport default async function P() { await requireSection("logs"); }`).importedFromGuards).toBe(false);
  });
});
