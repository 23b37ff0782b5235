// The dashboard's getting-started checklist (issue 8, item 3): each step is one entry, done when
// its predicate holds on the account's real state, shown only to principals holding the section
// it asks them to use. A feature adds its step here and the count it needs to AccountState.
import type { SectionId } from "@/lib/access/matrix";

/** What the steps look at: counts the dashboard query reads (each only for a viewer holding its section). */
export type AccountState = {
  applications: number;
  appUsers: number;
  subusers: number;
  /** Service accounts the viewer reaches (the owner: all of the account's). */
  serviceAccounts: number;
  /** Numbers the account holds (bought: active or blocked for rent; a reservation is not a purchase). */
  numbers: number;
  /** Whether the account has any call session at all (1 or 0: never a count over its history). */
  calls: number;
};

export type ChecklistEntry = {
  id: string;
  title: string;
  text: string;
  /** The section the step is done in: only its holders see the step. */
  section: SectionId;
  /** Also needed, any one of them (placing a test call needs an application's scenarios or rules). */
  alsoAnyOf?: readonly SectionId[];
  /** The counts `done` reads: only these are queried. */
  needs: readonly (keyof AccountState)[];
  done: (state: AccountState) => boolean;
};

export const CHECKLIST: readonly ChecklistEntry[] = [
  {
    id: "application",
    title: "Create an application",
    text: "An application holds the users, scenarios and rules of one service.",
    section: "applications",
    needs: ["applications"],
    done: (s) => s.applications > 0,
  },
  {
    id: "user",
    title: "Add a user",
    text: "Users are the identities your SDK apps and SIP phones log in with.",
    section: "application.users",
    needs: ["appUsers"],
    done: (s) => s.appUsers > 0,
  },
  {
    id: "subuser",
    title: "Add a subuser",
    text: "Give a teammate their own login with only the roles they need.",
    section: "subusers.create",
    needs: ["subusers"],
    done: (s) => s.subusers > 0,
  },
  {
    id: "service-account",
    title: "Create a service account",
    text: "A key pair with roles, so your servers can call the Management API.",
    section: "service_accounts",
    needs: ["serviceAccounts"],
    done: (s) => s.serviceAccounts > 0,
  },
  {
    id: "number",
    title: "Buy a phone number",
    text: "A number people can call and text, paid from your balance.",
    section: "numbers.purchase",
    needs: ["numbers"],
    done: (s) => s.numbers > 0,
  },
  {
    id: "test-call",
    title: "Make a test call",
    text: "Place a call through a rule and its scenarios, then find it in the call history.",
    section: "calls",
    // Who may place one: lib/domains/calls/simulator.ts authorizeStart (mayPlaceCalls).
    alsoAnyOf: ["application.scenarios", "application.rules"],
    needs: ["calls"],
    done: (s) => s.calls > 0,
  },
];
