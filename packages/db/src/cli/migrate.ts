// `pnpm db:migrate`: applies the migrations to DATABASE_URL (creating the application role if
// needed), or to the embedded database in DATA_DIR when no URL is given.
import path from "node:path";
import { openDatabase } from "../client";

const url = process.env.DATABASE_URL;
const dataDir = path.resolve(
  process.env.DATA_DIR ?? path.join(import.meta.dirname, "../../../../.data"),
  "pglite",
);
const handle = await openDatabase(url ? { url, maxConnections: 1 } : { dataDir }, { migrate: true });
await handle.close();
console.info(`Migrations applied to ${url ? "the PostgreSQL database in DATABASE_URL" : dataDir}.`);
