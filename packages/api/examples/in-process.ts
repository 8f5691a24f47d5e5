// The same procedures without HTTP, for a script on the database's machine.
//
//   DATABASE_URL=postgres://… ORDINAVO_API_KEY=ordv_… pnpm --filter @ordinavo/api exec tsx examples/in-process.ts
import { openConnectInProcess } from "@ordinavo/api";

const apiKey = process.env.ORDINAVO_API_KEY;
const url = process.env.DATABASE_URL;
if (!apiKey || !url) {
  console.error("Set DATABASE_URL and ORDINAVO_API_KEY.");
  process.exit(2);
}
const { api, close } = await openConnectInProcess({ database: { url }, apiKey });
try {
  const { items } = await api.customers.list({ limit: 10, status: "active" });
  for (const customer of items) console.info(`${customer.number}\t${customer.name}`);
} finally {
  await close();
}
