// Both ways with one key (scopes customers:read and customers:write): fetch the customers that
// changed since the last run, then push a customer from "our ERP" with an Idempotency-Key.
//
//   ORDINAVO_API_KEY=ordv_… ORDINAVO_SINCE=2026-11-20T09:00:00Z \
//     pnpm --filter @ordinavo/api exec tsx examples/sync-and-upsert.ts
//
// ORDINAVO_SINCE is the "next updatedSince" the previous run printed (leave it out the first time).
import { randomUUID } from "node:crypto";
import { createConnectClient, withIdempotencyKey } from "@ordinavo/api/client";

const apiKey = process.env.ORDINAVO_API_KEY;
if (!apiKey) {
  console.error("Set ORDINAVO_API_KEY to a key created under Workspace settings → API keys.");
  process.exit(2);
}
const ordinavo = createConnectClient({
  url: process.env.ORDINAVO_URL ?? "http://127.0.0.1:3000/api/connect",
  apiKey,
});

// 1. Incremental sync: what changed since the last run, oldest change first, page by page.
const since = process.env.ORDINAVO_SINCE ? new Date(process.env.ORDINAVO_SINCE) : undefined;
let latest = since;
let after: string | undefined;
do {
  const page = await ordinavo.customers.changes.query({
    updatedSince: since,
    after,
    limit: 100,
    includeArchived: true, // learn of archiving too (archivedAt is set)
  });
  for (const customer of page.items) {
    console.info(`changed\t${customer.number}\t${customer.name}`);
    if (!latest || customer.updatedAt > latest) latest = customer.updatedAt;
  }
  after = page.nextCursor ?? undefined;
} while (after);
// Start the next run a minute early: a write still committing may carry a slightly older time.
// Seeing a customer twice is harmless.
const next = latest ? new Date(latest.getTime() - 60_000) : new Date();
console.info(`next updatedSince\t${next.toISOString()}`);

// 2. An upsert by our own ids. The key makes a retry (after a timeout, say) do nothing twice:
// it gets the first call's answer back.
const key = randomUUID();
const batch = {
  sourceSystem: "erp",
  items: [{ externalId: "ERP-1001", number: "ERP-1001", name: "Boulangerie Martin" }],
};
const result = await ordinavo.customers.upsert.mutate(batch, withIdempotencyKey(key));
for (const item of result.results) {
  console.info(`upsert\t${item.index}\t${item.outcome}\t${item.id ?? ""}`);
  for (const error of item.errors) console.info(`  ${error.field}: ${error.message}`);
}
const retry = await ordinavo.customers.upsert.mutate(batch, withIdempotencyKey(key));
console.info(`retry\t${retry.results[0]?.outcome}`);
