// Types of response-headers.mjs (plain JavaScript so scripts/server.mjs can import it without a build).
export type HeaderEntry = { key: string; value: string };
export declare const NON_PAGE_CSP: string;
export declare const NON_PAGE_PATHS: readonly string[];
export declare const COMMON_HEADERS: readonly HeaderEntry[];
export declare const API_RESPONSE_HEADERS: readonly HeaderEntry[];
