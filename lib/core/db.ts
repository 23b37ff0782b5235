// The Prisma client, one per process, on the driver adapter DATABASE_URL selects.
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { createAdapterFactory, databaseUrl } from "@/lib/core/db-adapter";
import { env } from "@/lib/core/env";

export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

const globalForDb = globalThis as unknown as { switchboardDb?: PrismaClient };

function createClient(): PrismaClient {
  return new PrismaClient({ adapter: createAdapterFactory(databaseUrl()) });
}

export const db: PrismaClient = globalForDb.switchboardDb ?? createClient();
if (env().NODE_ENV !== "production") globalForDb.switchboardDb = db;
