// The layers of docs/STYLE.md as rules, checked by test/architecture.test.ts (npm test) and by
// `npx depcruise app components lib proxy.ts` for a readable report. Paths are relative to the
// repository root. Tests and fixtures may reach anything: they set the database up.
const TEST_FILES = "(\\.test\\.tsx?|fixtures\\.ts|^test/.*)$";
const DATA_LAYER = "^lib/(domains/[^/]+/(queries|mutations)\\.ts|auth/|core/)";
const PRISMA_CLIENT = "^lib/(core/db\\.ts|generated/prisma(-postgres)?/)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "prisma-only-in-data-layer",
      comment:
        "Only domain queries/mutations, lib/auth and lib/core use the Prisma client; pages, components, lib/api and api.ts go through them.",
      severity: "error",
      from: { pathNot: [DATA_LAYER, TEST_FILES] },
      to: { path: PRISMA_CLIENT, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "no-prisma-types-in-ui",
      comment: "Pages and components never see Prisma's types either: domain queries return DTOs.",
      severity: "error",
      from: { path: "^(app|components)/", pathNot: TEST_FILES },
      to: { path: PRISMA_CLIENT },
    },
    {
      name: "domains-below-next",
      comment: "Domain code runs in the panel, the API, scripts and tests alike: no Next, no Auth.js, no server edge, no routes.",
      severity: "error",
      from: { path: "^lib/domains/", pathNot: TEST_FILES },
      to: { path: ["^app/", "^lib/server/", "node_modules/next(-auth)?/"] },
    },
    {
      name: "domain-logic-below-api",
      comment: "Only a domain's api.ts speaks the Management API's wire; its schemas, queries and mutations know nothing of it.",
      severity: "error",
      from: { path: "^lib/domains/[^/]+/(?!api\\.ts$|api-)[^/]+$", pathNot: TEST_FILES },
      to: { path: "^lib/api/" },
    },
    {
      name: "lib-below-app",
      comment: "Routes import lib, never the other way round.",
      severity: "error",
      from: { path: "^lib/", pathNot: TEST_FILES },
      to: { path: "^app/" },
    },
    {
      name: "components-never-mutate",
      comment: "Components reach mutations only through a route's server actions (action() checks the section).",
      severity: "error",
      from: { path: ["^components/", "^app/.*/_components/"] },
      to: { path: "^lib/domains/[^/]+/mutations\\.ts$" },
    },
    {
      name: "access-is-pure",
      comment: "lib/access holds pure rules: no database, no Next, no identity, no domain.",
      severity: "error",
      from: { path: "^lib/access/", pathNot: TEST_FILES },
      to: { path: ["^lib/(core/db|core/audit|auth|server|api|domains)", "^lib/generated/", "node_modules/next(-auth)?/"] },
    },
    {
      name: "core-is-the-bottom",
      comment: "lib/core is plumbing for everyone above it and imports none of them.",
      severity: "error",
      from: { path: "^lib/core/", pathNot: TEST_FILES },
      to: { path: "^lib/(auth|server|api|domains)/" },
    },
    {
      name: "no-circular",
      comment: "No import cycles anywhere (a table's row type lives in its columns.tsx, not in the table).",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^lib/generated/", "^\\.next/", "^node_modules/"] },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"] },
    skipAnalysisNotInRules: true,
  },
};
