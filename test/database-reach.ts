// Which test files can reach the database. npm test runs the suite once per driver; a file that
// cannot reach the database tests the same code on every run, so vitest.config.ts runs it on the
// first driver only (README, "Tests").
import { cruiseProject } from "./cruise";

/**
 * The database's doors: lib/core/db.ts, through which the app and the test factories open their
 * Prisma clients, and the generated clients under lib/generated/ (.dependency-cruiser.cjs keeps
 * both inside the data layer). A test that opened a driver package (pg, better-sqlite3) itself
 * would not be seen: none does.
 */
const isDatabaseModule = (file: string) => file === "lib/core/db.ts" || file.startsWith("lib/generated/");

/**
 * The files of `files` (paths relative to `root`, which holds the tsconfig.json) that can reach the
 * database: the file, or any project module its imports reach, is one of the database's modules.
 * The import graph is dependency-cruiser's, with the project's configuration (static and dynamic
 * imports, re-exports, type-only imports too, so it errs towards "reaches"); packages and the
 * generated clients are not followed.
 */
export async function filesReachingDatabase(root: string, files: string[]): Promise<Set<string>> {
  const { modules } = await cruiseProject(root, files, {
    // The project's options leave lib/generated/ out of the graph: keep it in, as a leaf.
    exclude: { path: ["^\\.next/", "^node_modules/"] },
    doNotFollow: { path: ["node_modules", "^lib/generated/"] },
    validate: false,
  });
  const imports = new Map(modules.map((m) => [m.source, m.dependencies.map((d) => d.resolved)]));
  // Grow the set from the database's modules until no importer is left to add.
  const reaching = new Set([...imports.keys()].filter(isDatabaseModule));
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
