// Prisma CLI configuration. The JS schema engine runs through the same driver adapter as the
// app, so `migrate deploy`, `migrate diff` and `db push` work without native engine binaries.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { createAdapterFactory, databaseUrl } from "./lib/core/db-adapter";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return createAdapterFactory(databaseUrl());
  },
});
