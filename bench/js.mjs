#!/usr/bin/env node
// `npm run bench:js`: the first-load JavaScript of every panel route, read from the production
// build's manifests (no server needed; a build is). Part of `npm run bench` (BENCH_ONLY=js).
//
// A route's first load is the union of .next/build-manifest.json `rootMainFiles` (the runtime every
// page loads) and every `entryJSFiles` list of the route's page_client-reference-manifest.js (its
// layouts, boundaries and page). Each file is gzipped with zlib (level 9) and the sizes summed.
// `polyfillFiles` are left out: they load only in browsers without ES modules (nomodule).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import vm from "node:vm";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const nextDir = path.join(root, ".next");

/** The target: first-load JavaScript per panel route, gzipped, at most this many bytes (180 kB). */
export const JS_LIMIT_BYTES = 180 * 1024;

function* manifests(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* manifests(p);
    else if (e.name === "page_client-reference-manifest.js") yield p;
  }
}

/** "/(panel)/applications/[appId]/users/page" -> "/applications/[appId]/users". */
const routeOf = (key) => key.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/";

/**
 * One row per panel route (the pages under app/(panel)), sorted by route:
 * { route, files, bytes (gzipped, summed), pass (bytes ≤ JS_LIMIT_BYTES) }. Throws when there is no build.
 */
export function firstLoadJs() {
  const buildManifest = path.join(nextDir, "build-manifest.json");
  if (!existsSync(buildManifest)) throw new Error("No production build (.next/build-manifest.json): run `npx next build` first");
  const { rootMainFiles = [] } = JSON.parse(readFileSync(buildManifest, "utf8"));
  const gzipped = new Map();
  const sizeOf = (file) => {
    if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(path.join(nextDir, file)), { level: 9 }).length);
    return gzipped.get(file);
  };
  const rows = [];
  const appDir = path.join(nextDir, "server", "app");
  for (const file of manifests(appDir)) {
    // The manifest is a script assigning globalThis.__RSC_MANIFEST[<page key>]: run it in its own context.
    const context = {};
    vm.runInNewContext(readFileSync(file, "utf8"), context);
    for (const [key, manifest] of Object.entries(context.__RSC_MANIFEST ?? {})) {
      if (!key.startsWith("/(panel)/")) continue;
      const files = new Set(rootMainFiles);
      for (const list of Object.values(manifest.entryJSFiles ?? {})) for (const f of list) files.add(f.replace(/^\/?_next\//, ""));
      const bytes = [...files].reduce((sum, f) => sum + sizeOf(f), 0);
      rows.push({ route: routeOf(key), files: files.size, bytes, pass: bytes <= JS_LIMIT_BYTES });
    }
  }
  if (rows.length === 0) throw new Error(`No panel route's page_client-reference-manifest.js under ${path.relative(root, appDir)}: is the build complete?`);
  return rows.sort((a, b) => a.route.localeCompare(b.route));
}

/** kB (1024 bytes) with one decimal. */
export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  let rows;
  try {
    rows = firstLoadJs();
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  const { printTable } = await import("./lib.mjs");
  printTable(`First-load JavaScript per panel route (gzipped, limit ${kb(JS_LIMIT_BYTES)})`, [
    ["route", "files", "gzipped", "result"],
    ...rows.map((r) => [r.route, String(r.files), kb(r.bytes), r.pass ? "PASS" : "FAIL"]),
  ]);
  const passed = rows.filter((r) => r.pass).length;
  console.log(`\n${passed} of ${rows.length} PASS`);
  process.exit(passed === rows.length ? 0 : 1);
}
