// Test-only: one valid call per registered method, merged from each domain's api-fixtures.ts, for
// the table-driven tests generated from the registry (lib/api/methods.test.ts runs every method
// with a key of every role, lib/api/fuzz.test.ts throws random parameters at every method).
// Adding a domain with API methods? Add its fixtures file here: the tables fail for any
// registered method without one.
import type { Fixtures } from "./api-kit";
import { ACCOUNT_FIXTURES } from "@/lib/domains/accounts/api-fixtures";
import { APPLICATION_FIXTURES } from "@/lib/domains/applications/api-fixtures";
import { USER_FIXTURES } from "@/lib/domains/app-users/api-fixtures";
import { CHILD_ACCOUNT_FIXTURES } from "@/lib/domains/child-accounts/api-fixtures";
import { KV_FIXTURES } from "@/lib/domains/kvs/api-fixtures";
import { PHONE_NUMBER_FIXTURES } from "@/lib/domains/phone-numbers/api-fixtures";
import { BILLING_FIXTURES } from "@/lib/domains/billing/api-fixtures";
import { CALLER_ID_FIXTURES } from "@/lib/domains/caller-ids/api-fixtures";
import { SMS_FIXTURES } from "@/lib/domains/sms/api-fixtures";
import { SCENARIO_FIXTURES } from "@/lib/domains/scenarios/api-fixtures";
import { CALL_FIXTURES } from "@/lib/domains/calls/api-fixtures";
import { CALL_LIST_FIXTURES } from "@/lib/domains/call-lists/api-fixtures";
import { KEY_FIXTURES } from "@/lib/domains/service-accounts/api-fixtures";
import { SUBUSER_FIXTURES } from "@/lib/domains/subusers/api-fixtures";
import { AUDIT_LOG_FIXTURES } from "@/lib/domains/audit-log/api-fixtures";
import { DIALOGFLOW_FIXTURES } from "@/lib/domains/dialogflow/api-fixtures";
import { PUSH_CREDENTIAL_FIXTURES } from "@/lib/domains/push-credentials/api-fixtures";
import { AUTHORIZED_IP_FIXTURES } from "@/lib/domains/authorized-ips/api-fixtures";
import { SIP_REGISTRATION_FIXTURES } from "@/lib/domains/sip-registrations/api-fixtures";
import { SMART_QUEUE_FIXTURES } from "@/lib/domains/queues/api-fixtures";

export type { Fixture, FixtureContext } from "./api-kit";

export const METHOD_FIXTURES: Fixtures = {
  ...SUBUSER_FIXTURES,
  ...KEY_FIXTURES,
  ...ACCOUNT_FIXTURES,
  ...CHILD_ACCOUNT_FIXTURES,
  ...APPLICATION_FIXTURES,
  ...USER_FIXTURES,
  ...KV_FIXTURES,
  ...PHONE_NUMBER_FIXTURES,
  ...BILLING_FIXTURES,
  ...CALLER_ID_FIXTURES,
  ...SMS_FIXTURES,
  ...SCENARIO_FIXTURES,
  ...CALL_FIXTURES,
  ...CALL_LIST_FIXTURES,
  ...AUDIT_LOG_FIXTURES,
  ...DIALOGFLOW_FIXTURES,
  ...PUSH_CREDENTIAL_FIXTURES,
  ...AUTHORIZED_IP_FIXTURES,
  ...SIP_REGISTRATION_FIXTURES,
  ...SMART_QUEUE_FIXTURES,
};

/** The fixtures of the resource domains (applications, users, key-value storage, child accounts). */
export const RESOURCE_FIXTURES: Fixtures = { ...CHILD_ACCOUNT_FIXTURES, ...APPLICATION_FIXTURES, ...USER_FIXTURES, ...KV_FIXTURES };
