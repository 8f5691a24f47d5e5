// Lists every customer of the API key's workspace over HTTP, 50 at a time.
//
//   ORDINAVO_API_KEY=ordv_… pnpm --filter @ordinavo/api exec tsx examples/list-customers.ts
//
// ORDINAVO_URL defaults to the local workspace's Connect endpoint.
import { createConnectClient } from "@ordinavo/api/client";

const apiKey = process.env.ORDINAVO_API_KEY;
if (!apiKey) {
  console.error("Set ORDINAVO_API_KEY to a key created under Workspace settings → API keys.");
  process.exit(2);
}
const ordinavo = createConnectClient({
  url: process.env.ORDINAVO_URL ?? "http://127.0.0.1:3000/api/connect",
  apiKey,
});

const { tenantName, scopes } = await ordinavo.whoami.query();
console.info(`Workspace: ${tenantName} (scopes: ${scopes.join(", ")})`);

let after: string | undefined;
let count = 0;
do {
  const page = await ordinavo.customers.list.query({ limit: 50, after });
  for (const customer of page.items) {
    console.info(`${customer.number}\t${customer.name}\t${customer.status}`);
  }
  count += page.items.length;
  after = page.nextCursor ?? undefined;
} while (after);
console.info(`${count} customers`);
