#!/usr/bin/env node
// docs/SECURITY.md "Staying patched": `npm audit --omit=dev --audit-level=high` must pass, and the
// framework packages must be at least the patched versions it names.
//
// Some registries (mirrors, proxies) answer only GET and refuse npm's advisory endpoint (a POST):
// then npm audit cannot judge anything. That is reported loudly, not as a pass, and the version
// floors below are still enforced offline. Any real finding at high or above fails.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/** docs/SECURITY.md's floors: [package, minimum version, exact?]. */
const FLOORS = [
  ["next", "16.3.3"],
  ["react", "19.2.8"],
  ["react-dom", "19.2.8"],
  ["next-auth", "5.0.0-beta.32", "exact"],
];

function parse(v) {
  const [core, pre = ""] = v.split("-", 2);
  return { nums: core.split(".").map((n) => Number(n) || 0), pre };
}

/** -1, 0, 1; a prerelease sorts before its release. */
function compare(a, b) {
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return x.nums[i] < y.nums[i] ? -1 : 1;
  if (x.pre === y.pre) return 0;
  if (!x.pre) return 1;
  if (!y.pre) return -1;
  return x.pre.localeCompare(y.pre, "en", { numeric: true }) < 0 ? -1 : 1;
}

let failed = false;

console.log("Version floors (docs/SECURITY.md):");
for (const [name, floor, exact] of FLOORS) {
  let installed = "(missing)";
  try {
    installed = JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")).version;
  } catch {
    /* reported below */
  }
  const ok = installed !== "(missing)" && (exact ? installed === floor : compare(installed, floor) >= 0);
  console.log(`  ${ok ? "ok  " : "FAIL"}  ${name.padEnd(10)} ${installed.padEnd(16)} ${exact ? "must be" : "at least"} ${floor}`);
  if (!ok) failed = true;
}

console.log("\nnpm audit --omit=dev --audit-level=high:");
const r = spawnSync("npm", ["audit", "--omit=dev", "--audit-level=high", "--json"], { cwd: root, encoding: "utf8" });
let report = null;
try {
  report = JSON.parse(r.stdout);
} catch {
  /* not JSON: handled below */
}

if (report && report.metadata?.vulnerabilities) {
  const v = report.metadata.vulnerabilities;
  const serious = (v.high ?? 0) + (v.critical ?? 0);
  console.log(`  ${report.metadata.dependencies?.prod ?? "?"} runtime dependencies; vulnerabilities: critical ${v.critical ?? 0}, high ${v.high ?? 0}, moderate ${v.moderate ?? 0}, low ${v.low ?? 0}`);
  if (serious > 0) {
    for (const [name, info] of Object.entries(report.vulnerabilities ?? {})) {
      if (info.severity === "high" || info.severity === "critical") console.log(`  FAIL  ${name} (${info.severity}) ${info.range ?? ""}`);
    }
    failed = true;
  } else {
    console.log("  ok    nothing at high or above");
  }
} else {
  const status = report?.statusCode ?? report?.error?.code ?? `exit ${r.status}`;
  const reason = report?.message ?? (r.stderr || r.stdout).trim().split("\n").slice(-3).join(" ");
  console.log(
    [
      "  WARNING: npm audit could not reach an advisory database, so it judged nothing.",
      `  The registry answered: ${status} ${reason}`,
      "  (Registry mirrors that allow only GET refuse npm's advisory endpoint.) Only the version",
      "  floors above were checked; run `npm audit --omit=dev --audit-level=high` where the",
      "  public registry is reachable.",
    ].join("\n"),
  );
}

process.exit(failed ? 1 : 0);
