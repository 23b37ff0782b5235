// Every test file: refuse anything but the throwaway database (config sets it; this guards edits).
if (!/\/data\/test\/vitest-[^/]+\.db$/.test(process.env.DATABASE_URL ?? "")) {
  throw new Error("Tests must run against the throwaway database under data/test/");
}
