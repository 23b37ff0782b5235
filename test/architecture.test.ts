// The layers of docs/STYLE.md as a test, so they are rules rather than conventions. Dependency rules
// (who may import the Prisma client, Next, the API layer, app/; no import cycles) are
// dependency-cruiser's, configured in .dependency-cruiser.cjs and run here over the real tree
// and over fixtures that break them, so a rule that silently stopped matching fails too. What an
// import graph cannot see is checked with the TypeScript compiler API or plain text: every export
// of an actions.ts is made with action(), and no code reads process.env outside lib/core/env.ts.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import type { IViolation } from "dependency-cruiser";
import { cruiseProject } from "./cruise";

const ROOT = path.resolve(import.meta.dirname, "..");
const SCANNED = ["app", "components", "lib", "test", "proxy.ts"];

const cruiseTree = async (baseDir: string, targets: string[]) => (await cruiseProject(baseDir, targets)).summary;

const violations = async (baseDir: string, targets: string[]): Promise<IViolation[]> => (await cruiseTree(baseDir, targets)).violations;

const describeViolation = (v: IViolation) => `${v.rule.name}: ${v.from} -> ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name).join(" -> ")})` : ""}`;

describe("the layers (dependency-cruiser, .dependency-cruiser.cjs)", () => {
  it("hold in the whole tree: no violations, no import cycles", { timeout: 120_000 }, async () => {
    const summary = await cruiseTree(ROOT, SCANNED);
    expect(summary.totalCruised, "modules cruised").toBeGreaterThan(200);
    expect(summary.violations.map(describeViolation)).toEqual([]);
  });

  // A throwaway tree under data/test/ (ignored by git, tsc and lint) with the real layout's paths.
  const FIXTURE = path.join(ROOT, "data", "test", `architecture-${process.pid}`);
  afterAll(() => rmSync(FIXTURE, { recursive: true, force: true }));
  function fixture(files: Record<string, string>) {
    rmSync(FIXTURE, { recursive: true, force: true });
    for (const [file, text] of Object.entries({
      "tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["./*"] }, jsx: "react-jsx", module: "esnext", moduleResolution: "bundler" } }),
      "lib/core/db.ts": "export const db = {};\n",
      ...files,
    })) {
      mkdirSync(path.dirname(path.join(FIXTURE, file)), { recursive: true });
      writeFileSync(path.join(FIXTURE, file), text);
    }
  }

  it("refuse a page that imports the Prisma client", { timeout: 60_000 }, async () => {
    fixture({ "app/(panel)/things/page.tsx": 'import { db } from "@/lib/core/db";\nexport default function Page() { return String(db); }\n' });
    const found = (await violations(FIXTURE, ["app", "lib"])).map(describeViolation);
    expect(found).toContain("prisma-only-in-data-layer: app/(panel)/things/page.tsx -> lib/core/db.ts");
  });

  it("refuse a domain file that imports next/navigation", { timeout: 60_000 }, async () => {
    fixture({ "lib/domains/things/queries.ts": 'import { redirect } from "next/navigation";\nexport const leave = () => redirect("/");\n' });
    const found = await violations(FIXTURE, ["lib"]);
    expect(found.map((v) => `${v.rule.name}: ${v.from}`)).toContain("domains-below-next: lib/domains/things/queries.ts");
  });

  it("refuse an import cycle", { timeout: 60_000 }, async () => {
    fixture({
      "components/a.tsx": 'import { b } from "./b";\nexport const a = () => b;\n',
      "components/b.tsx": 'import { a } from "./a";\nexport const b = () => a;\n',
    });
    const found = await violations(FIXTURE, ["components"]);
    expect(found.map((v) => v.rule.name)).toContain("no-circular");
  });
});

function filesUnder(dir: string, match: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== "generated") out.push(...filesUnder(full, match));
    } else if (match(full)) out.push(full);
  }
  return out;
}

/** Exports of an actions.ts that are not `export const x = action(...)` (type exports are fine). */
function nonActionExports(file: string, text = readFileSync(file, "utf8")): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const bad: string[] = [];
  for (const stmt of source.statements) {
    const exported = (ts.canHaveModifiers(stmt) ? ts.getModifiers(stmt) ?? [] : []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (ts.isTypeAliasDeclaration(stmt) || ts.isInterfaceDeclaration(stmt)) continue;
    if (ts.isExportDeclaration(stmt) && !stmt.isTypeOnly) bad.push(stmt.getText());
    if (ts.isExportAssignment(stmt)) bad.push("export default");
    if (!exported) continue;
    if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) {
        const init = d.initializer;
        const ok = init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === "action";
        if (!ok) bad.push(d.name.getText());
      }
    } else bad.push(stmt.getText().split("\n")[0]!);
  }
  return bad;
}

describe("server actions", () => {
  const actionFiles = filesUnder(path.join(ROOT, "app"), (f) => path.basename(f) === "actions.ts");

  it("exist where the routes declare them", () => {
    expect(actionFiles.length).toBeGreaterThanOrEqual(5);
  });

  it.each(actionFiles.map((f) => [path.relative(ROOT, f), f]))("%s: every export is made with action()", (_rel, file) => {
    expect(nonActionExports(file)).toEqual([]);
  });

  it("the check catches a bare exported function and a re-export", () => {
    const text = '"use server";\nimport { action } from "@/lib/server/action";\nexport const ok = action({ public: true, input: z }, async () => 1);\nexport async function bare() {}\nexport { other } from "./x";\nexport type T = 1;\n';
    expect(nonActionExports("fixture/actions.ts", text)).toEqual(["export async function bare() {}", 'export { other } from "./x";']);
  });
});

describe("configuration", () => {
  it("is read through lib/core/env.ts only", () => {
    const code = SCANNED.flatMap((p) => {
      const full = path.join(ROOT, p);
      return p.endsWith(".ts") ? [full] : filesUnder(full, (f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f));
    }).filter((f) => !f.startsWith(path.join(ROOT, "test")));
    const readers = code.filter((f) => /process\.env\b/.test(readFileSync(f, "utf8"))).map((f) => path.relative(ROOT, f));
    expect(readers).toEqual(["lib/core/env.ts"]);
  });
});
