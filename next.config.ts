import type { NextConfig } from "next";
import { COMMON_HEADERS, NON_PAGE_CSP, NON_PAGE_PATHS } from "./lib/core/response-headers.mjs";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // API clients POST to /platform_api/<Method>/ too; a 308 to the slashless path is not
  // followed on POST by every HTTP client (OkHttp), so both forms are served as they are.
  skipTrailingSlashRedirect: true,
  reactStrictMode: true,
  typedRoutes: true,
  images: { unoptimized: true },
  // The scenario sandbox loads its WebAssembly file beside its module, and recheck is a large
  // prebuilt bundle: both are required from node_modules at run time rather than bundled.
  // Prisma's runtime too: the Management API's bundle (scripts/build-api.mjs) shares the process's
  // one client with Next's (lib/core/db.ts), so both must see one copy of its classes.
  serverExternalPackages: [
    "@prisma/client",
    "better-sqlite3", "@node-rs/argon2", "@libsql/client", "@prisma/adapter-libsql", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg",
    "quickjs-emscripten-core", "@jitl/quickjs-wasmfile-release-sync", "recheck",
  ],
  experimental: { authInterrupts: true },
  async headers() {
    return [
      ...NON_PAGE_PATHS.map((source) => ({ source, headers: [{ key: "Content-Security-Policy", value: NON_PAGE_CSP }] })),
      {
        source: "/:path*",
        headers: [...COMMON_HEADERS],
      },
    ];
  },
};

export default nextConfig;
