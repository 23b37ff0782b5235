// Response headers set outside the page proxy (docs/SECURITY.md "Headers and caching"), in one place
// for next.config.ts (every route Next serves) and scripts/server.mjs (the Management API it serves
// itself, scripts/api-fast-path.mjs). Plain JavaScript, so the server loads it without a build.

/**
 * Pages get their Content-Security-Policy from proxy.ts, with a fresh script nonce per request.
 * Everything the proxy does not see (Auth.js, the Management API, health checks, assets) serves no
 * HTML to run: it gets a policy that allows nothing.
 */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The paths that get NON_PAGE_CSP, in next.config.ts' path syntax. */
export const NON_PAGE_PATHS = ["/api/:path*", "/platform_api", "/platform_api/:path*", "/healthz", "/readyz", "/_next/static/:path*", "/_next/image"];

/** Headers of every response. */
export const COMMON_HEADERS = [
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** What a Management API response carries besides its own headers: the non-page policy and the common headers. */
export const API_RESPONSE_HEADERS = [{ key: "Content-Security-Policy", value: NON_PAGE_CSP }, ...COMMON_HEADERS];
