import { randomBytes } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { APP_ROLE, type DatabaseHandle, openDatabase } from "../client";

export type Engine = "pglite" | "postgres";

const postgresUrl = process.env.TEST_DATABASE_URL;

/**
 * The engines database tests run on: embedded PGlite always, a real PostgreSQL server too when
 * TEST_DATABASE_URL is set (CI sets it). Use with `describe.each(testEngines())`.
 */
export function testEngines(): Engine[] {
  return postgresUrl ? ["pglite", "postgres"] : ["pglite"];
}

let announced = false;
function announceSkip() {
  if (announced || postgresUrl) return;
  announced = true;
  console.info("Database tests ran on PGlite only; set TEST_DATABASE_URL to also run them on PostgreSQL.");
}

export interface TestDatabase extends DatabaseHandle {
  /** The database URL for a real server (to open extra connections), undefined for PGlite. */
  url?: string;
  /** Runs SQL as the database owner (tests that need DDL or a look behind the policies). */
  asOwner(statements: string): Promise<void>;
  /** Closes the handle and, on a real server, drops the scratch database. */
  destroy(): Promise<void>;
}

/** A freshly migrated database of its own: in-memory PGlite, or a new database on the server. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  announceSkip();
  if (engine === "pglite") {
    const handle = await openDatabase({ memory: true }, { migrate: true });
    return {
      ...handle,
      // PGlite is one session whose session user is a superuser: step out of the role and back.
      asOwner: async (statements) => {
        const client = (handle.db as unknown as { $client: PGlite }).$client;
        await client.exec(`set role none; ${statements}; set role ${APP_ROLE}`);
      },
      destroy: () => handle.close(),
    };
  }
  if (!postgresUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `ordinavo_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), maxConnections: 4 }, { migrate: true });
  return {
    ...handle,
    url: url.toString(),
    asOwner: async (statements) => {
      const owner = postgres(url.toString(), { max: 1, onnotice: () => {} });
      try {
        await owner.unsafe(statements);
      } finally {
        await owner.end();
      }
    },
    destroy: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
