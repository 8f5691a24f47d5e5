import type { WorkspaceRouter } from "@ordinavo/api";
import { httpBatchLink, TRPCClientError } from "@trpc/client";
import { createTRPCReact } from "@trpc/react-query";
import superjson from "superjson";

/**
 * The browser's typed way to the workspace procedures, for pages that are interactive rather than
 * forms (the dispatch board, search-as-you-type). Page loaders keep using the server-side caller in
 * api.server.ts; see docs/decisions/011.
 *
 *   const search = trpc.customers.list.useQuery({ q }, { enabled: q.length > 1 });
 */
export const trpc = createTRPCReact<WorkspaceRouter>();

/** Where the browser reaches the procedures: the same site, with the session cookie. */
export const trpcEndpoint = "/api/trpc";

export function createWorkspaceClient() {
  return trpc.createClient({
    links: [
      httpBatchLink({
        url: trpcEndpoint,
        transformer: superjson,
        fetch: (input, init) => fetch(input, { ...init, credentials: "same-origin" }),
      }),
    ],
  });
}

/** The HTTP status the API gave an error (400, 403, 409, …), or null for a network failure. */
export function errorStatus(error: unknown): number | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = error.data as { httpStatus?: unknown } | undefined;
  return typeof data?.httpStatus === "number" ? data.httpStatus : null;
}

/** The message to show for a failed call: the API's own words, or a plain one when offline. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError && errorStatus(error) !== null) return error.message;
  return "Could not reach the server. Check your connection and try again.";
}

/** Messages by field path from a refused call ({} when there are none). */
export function errorFields(error: unknown): Record<string, string[]> {
  if (!(error instanceof TRPCClientError)) return {};
  const data = error.data as { fieldErrors?: Record<string, string[]> } | undefined;
  return data?.fieldErrors ?? {};
}
