import "server-only";
// Every Management API method, by group. To add methods: declare them with defineMethod in
// lib/api/methods/<group>.ts, export the group's array, and list it here once.
import { buildRegistry, type RegisteredMethod } from "./registry";
import { accountMethods } from "@/lib/domains/accounts/api";
import { applicationMethods } from "@/lib/domains/applications/api";
import { childAccountMethods } from "@/lib/domains/child-accounts/api";
import { keyMethods } from "@/lib/domains/service-accounts/api";
import { kvMethods } from "@/lib/domains/kvs/api";
import { roleSystemMethods } from "@/lib/domains/subusers/api";
import { userMethods } from "@/lib/domains/app-users/api";

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
