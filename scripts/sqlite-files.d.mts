// Types of sqlite-files.mjs (plain JavaScript so scripts/test.mjs and bench/ load it without a build).
export declare function sqliteFiles(file: string): string[];
export declare function removeSqliteFiles(file: string): void;
