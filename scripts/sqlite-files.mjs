// A SQLite database is its file plus the WAL, shared-memory and rollback-journal files beside it.
// Plain JavaScript so scripts/test.mjs and bench/ use it without a build; test/databases.ts too.
import { rmSync } from "node:fs";

/** `file` and the files SQLite may keep beside it (-wal, -shm, -journal). */
export function sqliteFiles(file) {
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];
}

/** Removes a throwaway SQLite database: its file and the files beside it (absent ones are fine). */
export function removeSqliteFiles(file) {
  for (const f of sqliteFiles(file)) rmSync(f, { force: true });
}
