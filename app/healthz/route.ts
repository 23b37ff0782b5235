// Liveness for load balancers and the benchmark's reference route (issue 11): static JSON, no
// session, no database. Prerendered at build time, so it costs the server no rendering.
export const dynamic = "force-static";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
