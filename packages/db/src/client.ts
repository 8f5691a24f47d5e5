import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { lockDataDirectory } from "./lock";
import * as schema from "./schema";

/** The role application queries run as: not a superuser, owner of nothing, so RLS applies. */
export const APP_ROLE = "ordinavo_app";

export const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type DatabaseConfig =
  /** A PostgreSQL server. The URL's user runs migrations; queries run as the application role. */
  | { url: string; maxConnections?: number }
  /** Embedded PGlite persisted in a directory (locked against a second process). */
  | { dataDir: string }
  /**
   * Embedded PGlite in memory (tests). `snapshot`: start from a dumped data directory (an
   * already-migrated database) instead of an empty cluster, which skips PGlite's initdb.
   */
  | { memory: true; snapshot?: Blob };

export interface DatabaseHandle {
  db: Database;
  engine: "pglite" | "postgres";
  /**
   * Refreshes the planner's statistics (ANALYZE, as the owner). PGlite has no autovacuum, so
   * without this its plans — foreign-key checks included — are made for empty tables forever.
   * The launcher runs it after migrating and seeding, and daily.
   */
  maintain(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Apply pending migrations before handing out the handle. */
  migrate?: boolean;
  /**
   * Start-up work that must not run twice at once (the demo seed): on PostgreSQL it runs after
   * migrating, under the same advisory lock, so processes starting together take turns.
   */
  prepare?: (db: Database) => Promise<void>;
}

/** The advisory lock key processes hold while they migrate and prepare (any fixed number). */
const STARTUP_LOCK = 74_120_613;

const migrationsConfig = { migrationsFolder, migrationsSchema: "drizzle" };

/**
 * Opens the database the application uses. Migrations run with the connecting user's rights;
 * afterwards every connection acts as APP_ROLE, so a query outside withTenant sees no tenant rows.
 */
export async function openDatabase(
  config: DatabaseConfig,
  options: OpenOptions = {},
): Promise<DatabaseHandle> {
  if ("url" in config) return openPostgres(config.url, config.maxConnections ?? 10, options);
  if ("dataDir" in config) return openPglite({ dataDir: config.dataDir }, options);
  return openPglite({ snapshot: config.snapshot }, options);
}

async function openPostgres(url: string, max: number, options: OpenOptions): Promise<DatabaseHandle> {
  // One session holds the start-up lock while this process migrates and prepares; a second
  // process starting at the same time waits for it, then finds nothing left to do.
  const admin = options.migrate || options.prepare ? postgres(url, { max: 1, onnotice: () => {} }) : null;
  // Each pooled connection starts as the application role (a startup parameter, no extra round trip).
  let client: ReturnType<typeof postgres> | null = null;
  try {
    if (admin) await admin`select pg_advisory_lock(${STARTUP_LOCK})`;
    if (admin && options.migrate) await migratePostgres(drizzlePostgres(admin), migrationsConfig);
    client = postgres(url, {
      max,
      onnotice: () => {},
      connection: { options: `-c role=${APP_ROLE}`, application_name: "ordinavo" },
    });
    const db = drizzlePostgres(client, { schema, casing: "snake_case" });
    await options.prepare?.(db);
    const pool = client;
    return {
      db,
      engine: "postgres",
      maintain: async () => {
        const owner = postgres(url, { max: 1, onnotice: () => {} });
        try {
          await owner.unsafe("analyze");
        } finally {
          await owner.end();
        }
      },
      close: () => pool.end({ timeout: 5 }),
    };
  } catch (error) {
    await client?.end({ timeout: 5 });
    throw error;
  } finally {
    // Ending the session releases the lock too.
    await admin?.end();
  }
}

async function openPglite(
  where: { dataDir?: string; snapshot?: Blob },
  options: OpenOptions,
): Promise<DatabaseHandle> {
  const { dataDir, snapshot } = where;
  const unlock = dataDir ? lockDataDirectory(dataDir) : () => {};
  let client: PGlite | undefined;
  try {
    client = await PGlite.create(dataDir ? { dataDir } : snapshot ? { loadDataDir: snapshot } : {});
    if (options.migrate) {
      await migratePglite(drizzlePglite(client), migrationsConfig);
      await client.exec("ANALYZE");
    }
    // PGlite is a single session: switch it to the application role for good.
    await client.exec(`SET ROLE ${APP_ROLE}`);
  } catch (error) {
    await client?.close();
    unlock();
    throw error;
  }
  const pglite = client;
  const db = drizzlePglite(pglite, { schema, casing: "snake_case" });
  try {
    await options.prepare?.(db);
  } catch (error) {
    await pglite.close();
    unlock();
    throw error;
  }
  return {
    db,
    engine: "pglite",
    // The one session steps out of the application role for the statement and back (an exclusive
    // transaction, so no other query runs in between).
    maintain: () =>
      pglite.transaction(async (tx) => {
        await tx.exec(`SET LOCAL ROLE NONE; ANALYZE; SET LOCAL ROLE ${APP_ROLE}`);
      }),
    close: async () => {
      await pglite.close();
      unlock();
    },
  };
}
