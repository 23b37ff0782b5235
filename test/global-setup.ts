import { execFileSync } from "node:child_process";

/** Applies the migrations to this run's throwaway database file and loads the number catalogue, before any test. */
export default function setup() {
  const url = process.env.DATABASE_URL ?? "";
  if (!/\/data\/test\/vitest-[^/]+\.db$/.test(url)) {
    throw new Error(`Refusing to run tests against a non-throwaway database: ${url}`);
  }
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: process.env });
  execFileSync("npx", ["tsx", "prisma/seed.ts"], { stdio: "ignore", env: { ...process.env, SEED_DEMO: "false" } });
}
