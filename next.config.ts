import type { NextConfig } from "next";

// Inline scripts and styles are allowed because Next's hydration emits them; a per-request
// nonce would need the proxy to do more than redirect (docs/SECURITY.md keeps it that thin).
const csp = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // API clients POST to /platform_api/<Method>/ too; a 308 to the slashless path is not
  // followed on POST by every HTTP client (OkHttp), so both forms are served as they are.
  skipTrailingSlashRedirect: true,
  reactStrictMode: true,
  typedRoutes: true,
  images: { unoptimized: true },
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@libsql/client", "@prisma/adapter-libsql", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg"],
  experimental: { authInterrupts: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: csp },
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
