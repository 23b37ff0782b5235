import "server-only";
import { cache } from "react";
import { db } from "@/lib/core/db";
import { systemClock } from "@/lib/core/clock";
import { loadPrincipal } from "@/lib/auth/sessions";

/** The session row's principal, read once per request (React cache) by Auth.js and getActor. */
export const loadPrincipalCached = cache((sessionId: string) => loadPrincipal(db, sessionId, systemClock));
