// Types of action-gate.mjs (plain JavaScript so scripts/server.mjs can load it without a build).
import type { IncomingMessage, ServerResponse } from "node:http";

export type NodeHeaders = Record<string, string | string[] | undefined>;
export type Refusal = { status: number; message: string; headers?: Record<string, string> };
export type GateConfig = { actionIds: Set<string> | null; publicUrl?: string; trustProxyHops: number };

export declare const ACTION_BODY_LIMIT: number;
export declare function loadActionIds(distDir: string): Set<string> | null;
export declare function isPossibleAction(method: string | undefined, url: string | undefined, headers: NodeHeaders): boolean;
export declare function screenHeaders(req: { method?: string; url?: string; headers: NodeHeaders }, config: GateConfig): { refusal: Refusal | null; matchedHost?: string };
export declare function isActionArgs(args: unknown, formAllowed: boolean): boolean;
export declare function screenBody(req: { headers: NodeHeaders }, body: Buffer, config: { actionIds: Set<string> | null }): Promise<Refusal | null>;
export declare function readLimited(req: IncomingMessage, limit?: number): Promise<{ body: Buffer } | { tooLarge: true } | { broken: true }>;
export declare function replay(req: IncomingMessage, body: Buffer): IncomingMessage;
export declare function gateAction(req: IncomingMessage, res: ServerResponse, config: GateConfig): Promise<IncomingMessage | null>;
