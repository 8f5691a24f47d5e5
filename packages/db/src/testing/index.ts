import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { APP_ROLE, type DatabaseHandle, migrationsFolder, openDatabase } from "../client";

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

/** A fingerprint of the migrations: a snapshot or template made from other migrations is not reused. */
function migrationsFingerprint(): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    if (!name.endsWith(".sql") && !name.endsWith(".json")) continue;
    hash.update(name);
    hash.update(readFileSync(join(migrationsFolder, name)));
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * A migrated, empty PGlite data directory as a tarball, made once per set of migrations and kept
 * in the temporary directory for every test file (and worker) after it. Starting from it skips
 * PGlite's initdb and the migrations: about a second instead of several per test database.
 */
async function pgliteSnapshot(): Promise<Blob> {
  const path = join(tmpdir(), `ordinavo-pglite-${migrationsFingerprint()}.tar`);
  try {
    return new Blob([readFileSync(path)]);
  } catch {
    const handle = await openDatabase({ memory: true }, { migrate: true });
    const client = (handle.db as unknown as { $client: PGlite }).$client;
    await client.exec("RESET ROLE");
    const dump = await client.dumpDataDir("none");
    await handle.close();
    // Written aside and renamed: a worker reading it at the same time sees all of it or nothing.
    const partial = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path);
    return dump;
  }
}

/** Any number, the same in every worker: the lock that lets one of them build the template. */
const TEMPLATE_LOCK = 7_410_012;

/**
 * Creates `name` as a copy of a migrated template database, building the template first if this
 * set of migrations has none yet (under an advisory lock, so concurrent workers build it once).
 * A copy takes a fraction of the time the migrations take.
 */
async function createFromTemplate(admin: postgres.Sql, serverUrl: string, name: string) {
  const template = `ordinavo_template_${migrationsFingerprint()}`;
  await admin`select pg_advisory_lock(${TEMPLATE_LOCK})`;
  try {
    const [found] = await admin`select 1 from pg_database where datname = ${template}`;
    if (!found) {
      // Built under another name and renamed when complete: a half-built template is never used.
      const building = `${template}_building`;
      await admin.unsafe(`drop database if exists ${building} with (force)`);
      await admin.unsafe(`create database ${building}`);
      const url = new URL(serverUrl);
      url.pathname = `/${building}`;
      const handle = await openDatabase({ url: url.toString(), maxConnections: 1 }, { migrate: true });
      await handle.close();
      await admin.unsafe(`alter database ${building} rename to ${template}`);
    }
    // Copying needs the template free of sessions; one just closed can linger for a moment.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.unsafe(`create database ${name} template ${template}`);
        break;
      } catch (error) {
        if (attempt >= 20 || !String(error).includes("being accessed")) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    await admin`select pg_advisory_unlock(${TEMPLATE_LOCK})`;
  }
}

/** A freshly migrated database of its own: in-memory PGlite, or a new database on the server. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  announceSkip();
  if (engine === "pglite") {
    const handle = await openDatabase({ memory: true, snapshot: await pgliteSnapshot() });
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
  await createFromTemplate(admin, postgresUrl, name);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), maxConnections: 4 });
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
