import "server-only";
import { db } from "./db";

/** One round trip to the database (SELECT 1). Resolves to null when it answers, else the error's message. */
export async function checkDatabase(client: Pick<typeof db, "$queryRawUnsafe"> = db): Promise<string | null> {
  try {
    await client.$queryRawUnsafe("SELECT 1");
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
