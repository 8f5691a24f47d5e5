// The typed client for scripts and other programs: Ordinavo Connect over HTTP with an API key.
//
//   import { createConnectClient, withIdempotencyKey } from "@ordinavo/api/client";
//   const ordinavo = createConnectClient({ url: "http://127.0.0.1:3000/api/connect", apiKey });
//   const { items } = await ordinavo.customers.list.query({ limit: 20 });
//   await ordinavo.customers.upsert.mutate({ items: [...] }, withIdempotencyKey(crypto.randomUUID()));
import { createTRPCClient, httpBatchLink, httpLink, type Operation, splitLink } from "@trpc/client";
import superjson from "superjson";
import type { ConnectRouter } from "./connect";

export type { ConnectRouter } from "./connect";

/** Where a call's `Idempotency-Key` travels in the client (its tRPC operation context). */
const KEY = "idempotencyKey";

/**
 * The options of a write that must happen at most once: retrying the call with the same key (after
 * a timeout, say) returns the first answer instead of writing again. Use a new key per request.
 */
export function withIdempotencyKey(key: string) {
  return { context: { [KEY]: key } };
}

const keyOf = (op: Operation): string | null => {
  const key = op.context[KEY];
  return typeof key === "string" ? key : null;
};

export function createConnectClient(options: { url: string; apiKey: string; fetch?: typeof fetch }) {
  const authorization = `Bearer ${options.apiKey}`;
  return createTRPCClient<ConnectRouter>({
    links: [
      splitLink({
        // A call with an Idempotency-Key goes alone, so the header belongs to that call only.
        condition: (op) => keyOf(op) !== null,
        true: httpLink({
          url: options.url,
          transformer: superjson,
          headers: ({ op }) => ({ authorization, "idempotency-key": keyOf(op) ?? "" }),
          fetch: options.fetch,
        }),
        false: httpBatchLink({
          url: options.url,
          transformer: superjson,
          headers: () => ({ authorization }),
          fetch: options.fetch,
        }),
      }),
    ],
  });
}
