import "server-only";
// Every Management API method, by domain. To add methods: declare them with defineMethod in
// lib/domains/<domain>/api.ts, export the domain's array, and list it here once.
import { buildRegistry, type RegisteredMethod } from "./registry";
import { accountMethods } from "@/lib/domains/accounts/api";
import { applicationMethods } from "@/lib/domains/applications/api";
import { childAccountMethods } from "@/lib/domains/child-accounts/api";
import { keyMethods } from "@/lib/domains/service-accounts/api";
import { kvMethods } from "@/lib/domains/kvs/api";
import { roleSystemMethods } from "@/lib/domains/subusers/api";
import { userMethods } from "@/lib/domains/app-users/api";
import { phoneNumberMethods } from "@/lib/domains/phone-numbers/api";
import { billingMethods } from "@/lib/domains/billing/api";
import { callerIdMethods } from "@/lib/domains/caller-ids/api";
import { smsMethods } from "@/lib/domains/sms/api";
import { scenarioMethods } from "@/lib/domains/scenarios/api";
import { ruleMethods } from "@/lib/domains/rules/api";
import { callMethods } from "@/lib/domains/calls/api";
import { callListMethods } from "@/lib/domains/call-lists/api";
import { auditLogMethods } from "@/lib/domains/audit-log/api";
import { dialogflowMethods } from "@/lib/domains/dialogflow/api";
import { pushCredentialMethods } from "@/lib/domains/push-credentials/api";
import { authorizedIpMethods } from "@/lib/domains/authorized-ips/api";
import { sipRegistrationMethods } from "@/lib/domains/sip-registrations/api";
import { smartQueueMethods } from "@/lib/domains/queues/api";

export const METHODS: readonly RegisteredMethod[] = [
  ...roleSystemMethods,
  ...keyMethods,
  ...accountMethods,
  ...childAccountMethods,
  ...applicationMethods,
  ...userMethods,
  ...kvMethods,
  ...phoneNumberMethods,
  ...billingMethods,
  ...callerIdMethods,
  ...smsMethods,
  ...scenarioMethods,
  ...ruleMethods,
  ...callMethods,
  ...callListMethods,
  ...auditLogMethods,
  ...dialogflowMethods,
  ...pushCredentialMethods,
  ...authorizedIpMethods,
  ...sipRegistrationMethods,
  ...smartQueueMethods,
];

export const REGISTRY = buildRegistry(METHODS);
