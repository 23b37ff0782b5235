import { checkDatabase } from "@/lib/core/readiness";

// Readiness for operators and load balancers: one database round trip. 200 {"status":"ok"} when
// the database answers, 503 {"status":"unavailable"} when it does not (the reason is logged, not
// sent: it may name hosts).
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const headers = { "cache-control": "no-store" };
  const error = await checkDatabase();
  if (error) {
    console.error(`readyz: the database did not answer: ${error}`);
    return Response.json({ status: "unavailable" }, { status: 503, headers });
  }
  return Response.json({ status: "ok" }, { headers });
}
