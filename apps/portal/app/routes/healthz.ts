import type { LoaderFunctionArgs } from "@remix-run/node";
import { sql } from "drizzle-orm";

/** Liveness with a real database round trip: 200 when it answers, 503 when it does not. */
export async function loader({ context }: LoaderFunctionArgs) {
  try {
    await context.services.db.execute(sql`select 1`);
    return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
  } catch {
    return Response.json(
      { status: "unavailable" },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
}
