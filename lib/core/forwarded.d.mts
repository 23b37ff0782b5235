// Types of forwarded.mjs (plain JavaScript so scripts/server.mjs can import it without a build).
export type HeaderGetter = (name: string) => string | null | undefined;
export type RequestOrigin = { proto: "http" | "https"; host: string };

export declare function isValidHost(host: string): boolean;
export declare function trustedEntry(value: string | null | undefined, hops: number): string | undefined;
export declare function requestOrigin(header: HeaderGetter, trustProxyHops: number): RequestOrigin | null;
export declare function publicOriginOf(header: HeaderGetter, config: { publicUrl?: string | undefined; trustProxyHops: number }): string;
