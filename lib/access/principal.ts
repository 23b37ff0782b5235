import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { systemClock } from "@/lib/clock";
import { loadPrincipal } from "@/lib/login/sessions";

/** The session row's principal, read once per request (React cache) by Auth.js and getActor. */
export const loadPrincipalCached = cache((sessionId: string) => loadPrincipal(db, sessionId, systemClock));
