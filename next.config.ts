import type { NextConfig } from "next";

// Pages get their Content-Security-Policy from proxy.ts, with a fresh script nonce per request.
// Everything the proxy does not see (Auth.js, the Management API, health checks, assets) serves no HTML to run:
// it gets a policy that allows nothing.
const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const NON_PAGE_PATHS = ["/api/:path*", "/platform_api", "/platform_api/:path*", "/healthz", "/readyz", "/_next/static/:path*", "/_next/image"];

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
  serverExternalPackages: [
    "better-sqlite3", "@node-rs/argon2", "@libsql/client", "@prisma/adapter-libsql", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg",
    "quickjs-emscripten-core", "@jitl/quickjs-wasmfile-release-sync", "recheck",
  ],
  experimental: { authInterrupts: true },
  async headers() {
    return [
      ...NON_PAGE_PATHS.map((source) => ({ source, headers: [{ key: "Content-Security-Policy", value: NON_PAGE_CSP }] })),
      {
        source: "/:path*",
        headers: [
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
