#!/usr/bin/env node
// `npm run build`'s second step, after `next build`: bundles the Management API's handler
// (lib/api/handle.ts, and what it imports from lib/) into <distDir>/platform-api/handler.mjs for
// scripts/server.mjs to serve /platform_api beside Next (scripts/api-fast-path.mjs), and stamps it
// with the Next build's BUILD_ID, so the server never pairs a bundle with another build's pages.
// Packages stay in node_modules (Prisma's runtime is the one Next's bundle loads too); "server-only"
// is empty here, as under the react-server condition the app runs in.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { API_BUNDLE, API_BUNDLE_STAMP } from "./api-fast-path.mjs";

const distDir = process.argv[2] ?? ".next";
const buildId = readFileSync(path.join(distDir, "BUILD_ID"), "utf8").trim();

const serverOnly = {
  name: "server-only",
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
  },
};

const started = Date.now();
await build({
  entryPoints: ["lib/api/handle.ts"],
  outfile: path.join(distDir, API_BUNDLE),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  tsconfig: "tsconfig.json",
  plugins: [serverOnly],
  legalComments: "none",
  logLevel: "warning",
});
writeFileSync(path.join(distDir, API_BUNDLE_STAMP), `${buildId}\n`);
console.log(`Management API bundle: ${path.join(distDir, API_BUNDLE)} (build ${buildId}, ${Date.now() - started} ms)`);
