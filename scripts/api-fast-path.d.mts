// Types of api-fast-path.mjs (plain JavaScript so scripts/server.mjs can import it without a build).
import type { IncomingMessage, ServerResponse } from "node:http";

export type ApiHandle = (request: Request, pathMethod: string | null) => Promise<Response>;
export declare const API_BUNDLE: string;
export declare const API_BUNDLE_STAMP: string;
export declare function apiRoute(method: string | undefined, url: string | undefined): { pathMethod: string | null } | undefined;
export declare function apiBundleProblem(distDir: string): string | null;
export declare function loadApiHandler(distDir: string): Promise<{ handle: ApiHandle; reason: null } | { handle: null; reason: string }>;
export declare function serveApi(req: IncomingMessage, res: ServerResponse, handle: ApiHandle, pathMethod: string | null): Promise<void>;
