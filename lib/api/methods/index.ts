import "server-only";
// Every Management API method, by group. To add methods: declare them with defineMethod in
// lib/api/methods/<group>.ts, export the group's array, and list it here once.
import { buildRegistry, type RegisteredMethod } from "../registry";
import { accountMethods } from "./accounts";
import { keyMethods } from "./keys";
import { roleSystemMethods } from "./role-system";

export const METHODS: readonly RegisteredMethod[] = [...roleSystemMethods, ...keyMethods, ...accountMethods];

export const REGISTRY = buildRegistry(METHODS);
