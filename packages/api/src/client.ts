// The typed client for scripts and other programs: Ordinavo Connect over HTTP with an API key.
//
//   import { createConnectClient } from "@ordinavo/api/client";
//   const ordinavo = createConnectClient({ url: "http://127.0.0.1:3000/api/connect", apiKey });
//   const { items } = await ordinavo.customers.list.query({ limit: 20 });
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { ConnectRouter } from "./connect";

export type { ConnectRouter } from "./connect";

export function createConnectClient(options: { url: string; apiKey: string; fetch?: typeof fetch }) {
  return createTRPCClient<ConnectRouter>({
    links: [
      httpBatchLink({
        url: options.url,
        transformer: superjson,
        headers: () => ({ authorization: `Bearer ${options.apiKey}` }),
        fetch: options.fetch,
      }),
    ],
  });
}
