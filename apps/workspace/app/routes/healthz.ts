import type { LoaderFunctionArgs } from "@remix-run/node";

/** Liveness with a real database round trip: 200 when it answers, 503 when it does not. */
export async function loader({ context }: LoaderFunctionArgs) {
  if (await context.services.health()) {
    return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
  }
  return Response.json({ status: "unavailable" }, { status: 503, headers: { "cache-control": "no-store" } });
}
