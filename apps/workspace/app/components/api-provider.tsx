import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { createWorkspaceClient, errorStatus, trpc } from "~/lib/trpc";

/** A refusal (4xx) will not change by asking again; network trouble and 5xx might. */
function shouldRetry(failureCount: number, error: unknown) {
  const status = errorStatus(error);
  if (status !== null && status >= 400 && status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        // Loaders already rendered the page; queries seeded from them stay fresh for a moment.
        staleTime: 15_000,
        // Pages that show live planning ask for it per query (the board does).
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

/**
 * The browser's query cache and tRPC client for the signed-in pages. Both are made once per
 * browser session (kept in state, so a re-render does not start over) and never on the server
 * for more than one render.
 */
export function ApiProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(createWorkspaceClient);
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </trpc.Provider>
  );
}
