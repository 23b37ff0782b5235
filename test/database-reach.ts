// Which test files can reach the database. npm test runs the suite once per driver; a file that
// cannot reach the database tests the same code on every run, so vitest.config.ts runs it on the
// first driver only (README, "Tests").
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".mjs", ".js", "/index.ts", "/index.tsx"];

/**
 * The database's doors: lib/core/db.ts, through which the app and the test factories open their
 * Prisma clients, and the generated clients under lib/generated/ (.dependency-cruiser.cjs keeps
 * both inside the data layer). A test that opened a driver package (pg, better-sqlite3) itself
 * would not be seen: none does.
 */
function isDatabaseModule(root: string, file: string): boolean {
  return file === path.join(root, "lib/core/db.ts") || file.startsWith(path.join(root, "lib/generated") + path.sep);
}

/** The project file an import specifier names ("@/..." or relative), or null for a package. */
function resolveImport(root: string, from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/**
 * The files of `files` (absolute paths) that can reach the database: the file, or any project
 * module its imports reach (static imports, re-exports and literal `import("...")`, type-only ones
 * included, so it errs towards "reaches"), is one of the database's modules. Packages are not
 * followed: the project reaches the database only through its own modules.
 */
export function filesReachingDatabase(root: string, files: string[]): Set<string> {
  const imports = new Map<string, string[]>();
  const pending = [...files];
  while (pending.length) {
    const file = pending.pop()!;
    if (imports.has(file)) continue;
    const targets = isDatabaseModule(root, file)
      ? []
      : ts
          .preProcessFile(readFileSync(file, "utf8"), true, true)
          .importedFiles.map(({ fileName }) => resolveImport(root, file, fileName))
          .filter((t): t is string => t !== null);
    imports.set(file, targets);
    pending.push(...targets);
  }
  // Grow the set from the database's modules until no importer is left to add (cycles included).
  const reaching = new Set([...imports.keys()].filter((f) => isDatabaseModule(root, f)));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [file, targets] of imports) {
      if (!reaching.has(file) && targets.some((t) => reaching.has(t))) {
        reaching.add(file);
        grew = true;
      }
    }
  }
  return new Set(files.filter((f) => reaching.has(f)));
}
