// vitest.config.ts runs a test file on the second and third drivers only when it can reach the
// database: the walk must follow every kind of import, through cycles, and stop at packages.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { filesReachingDatabase } from "./database-reach";

describe("filesReachingDatabase", () => {
  const root = mkdtempSync(path.join(tmpdir(), "reach-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  write("tsconfig.json", JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["./*"] }, module: "esnext", moduleResolution: "bundler" } }));
  write("lib/core/db.ts", "export const db = {};\n");
  write("lib/generated/prisma/client.ts", "export class PrismaClient {}\n");
  // a and b import each other (the project's rules forbid it; the walk must still end); only b's
  // second import reaches the database.
  write("lib/a.ts", 'import { b } from "./b";\nexport const a = () => b;\n');
  write("lib/b.ts", 'import { a } from "@/lib/a";\nimport { db } from "../lib/core/db";\nexport const b = () => [a, db];\n');
  write("lib/pure.ts", 'import { z } from "zod";\nexport * from "./pure-more";\n');
  write("lib/pure-more.ts", "export const n = 1;\n");
  write("lib/index/index.ts", 'export { PrismaClient } from "@/lib/generated/prisma/client";\n');
  const tests = {
    "cycle.test.ts": 'import { a } from "@/lib/a";\n',
    "pure.test.ts": 'import { n } from "@/lib/pure";\nimport { describe } from "vitest";\n',
    "dynamic.test.ts": 'it("x", async () => { await import("./lib/b"); });\n',
    "reexport.test.ts": 'export * from "./lib/index";\n',
    "typeonly.test.ts": 'import type { b } from "./lib/b";\n',
  };
  for (const [file, text] of Object.entries(tests)) write(file, text);

  it("finds the database through cycles, dynamic imports, re-exports, index files and type imports; a file of packages and pure modules does not reach it", { timeout: 60_000 }, async () => {
    const found = await filesReachingDatabase(root, Object.keys(tests));
    expect([...found].sort()).toEqual(["cycle.test.ts", "dynamic.test.ts", "reexport.test.ts", "typeonly.test.ts"]);
  });

  it("on this project: an integration test reaches the database, a pure one does not", { timeout: 60_000 }, async () => {
    const files = ["lib/api/methods.test.ts", "lib/domains/call-lists/mutations.test.ts", "lib/core/phone.test.ts", "lib/access/matrix.test.ts"];
    expect([...(await filesReachingDatabase(path.resolve(import.meta.dirname, ".."), files))].sort()).toEqual(["lib/api/methods.test.ts", "lib/domains/call-lists/mutations.test.ts"]);
  });
});
