// Types for the two Prisma 6.19 query-compiler modules lib/core/prisma-plan-cache.ts patches. The
// package ships them without declarations; the generated clients import the same files
// (lib/generated/*/internal/class.ts, `getRuntime`).
declare module "@prisma/client/runtime/query_compiler_bg.sqlite.mjs" {
  export class QueryCompiler {
    compile(request: string): unknown;
  }
}
declare module "@prisma/client/runtime/query_compiler_bg.postgresql.mjs" {
  export class QueryCompiler {
    compile(request: string): unknown;
  }
}
