import "server-only";
// Every Management API method, by group. To add methods: declare them with defineMethod in
// lib/api/methods/<group>.ts, export the group's array, and list it here once.
import { buildRegistry, type RegisteredMethod } from "../registry";
import { accountMethods } from "./accounts";
import { applicationMethods } from "./applications";
import { childAccountMethods } from "./child-accounts";
import { keyMethods } from "./keys";
import { kvMethods } from "./kvs";
import { roleSystemMethods } from "./role-system";
import { userMethods } from "./users";

export const METHODS: readonly RegisteredMethod[] = [
  ...roleSystemMethods,
  ...keyMethods,
  ...accountMethods,
  ...childAccountMethods,
  ...applicationMethods,
  ...userMethods,
  ...kvMethods,
];

export const REGISTRY = buildRegistry(METHODS);
