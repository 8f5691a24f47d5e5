import type { AppLoadContext } from "@remix-run/node";
import { requireWorkspace } from "./require.server";

export type { Me } from "./require.server";

/** Kept while routes move to `requireWorkspace` (`~/lib/require.server`), which this now reads. */
export async function requireMe(args: { request: Request; context: AppLoadContext }) {
  return (await requireWorkspace(args)).me;
}
