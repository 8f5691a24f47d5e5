import { type Database, rowsOf, schema, withSystem, withTenant } from "@ordinavo/db";
import { type SQL, sql } from "drizzle-orm";
import { cron, type Inngest } from "inngest";
import type { RelayLog } from "../relay";
import type { FileRemover } from "./retention";

/** Every night at 03:45 UTC, after retention. */
export const HOUSEKEEPING_CRON = "TZ=UTC 45 3 * * *";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Rows removed by one statement. */
export const HOUSEKEEPING_BATCH_SIZE = 1000;
/** Statements per kind and run; the rest waits for the next night. */
const MAX_BATCHES = 50;

/** How long used or expired things stay before they go. */
export const housekeepingAges = {
  /** Delivered outbox rows: a week, for diagnosis of what ran. */
  outboxDoneMs: 7 * DAY,
  /** Connect idempotency keys answer retries for a day. */
  idempotencyKeyMs: DAY,
  /**
   * Expired, accepted or revoked invitations stay a week, so an admin still sees that an
   * invitation expired (and can send a new one) before it disappears.
   */
  invitationMs: 7 * DAY,
  /**
   * A stored file no row names is removed once it is a day old: an upload stores its bytes just
   * before its row commits, so a younger file may be one whose row is on its way.
   */
  orphanFileMs: DAY,
} as const;

/** What the orphan sweep needs of the file store (both real drivers list; stand-ins may not). */
export interface SweepableFiles extends FileRemover {
  list?(options: { olderThan: Date; pageSize?: number }): AsyncIterable<{ key: string; modifiedAt: Date }>;
}

/** Keys looked up in the database at once. */
export const ORPHAN_LOOKUP_BATCH = 500;

const PREVIEW_SUFFIX = ".preview";

/**
 * The keys of `keys` that a row names: an attachment's file (or its preview) or an import's
 * upload, in any tenant. Those tables are closed to system access (row-level security lets a
 * transaction see one tenant's rows), so each tenant is asked in turn: first the tenants the keys
 * start with (uploads are stored under "<tenant id>/"), then every other tenant, archived ones
 * included, for whatever is still unnamed — a key is only called unnamed after every tenant said so.
 */
async function referencedKeys(db: Database, keys: string[], tenantIds: string[]): Promise<Set<string>> {
  const baseOf = (key: string) => (key.endsWith(PREVIEW_SUFFIX) ? key.slice(0, -PREVIEW_SUFFIX.length) : key);
  const named = new Set<string>();
  let open = [...new Set(keys.flatMap((key) => [key, baseOf(key)]))];
  const prefixes = new Set(keys.map((key) => key.split("/")[0]));
  const order = [
    ...tenantIds.filter((id) => prefixes.has(id)),
    ...tenantIds.filter((id) => !prefixes.has(id)),
  ];
  for (const tenantId of order) {
    if (open.length === 0) break;
    const list = sql.join(
      open.map((key) => sql`${key}`),
      sql`, `,
    );
    const rows = await withTenant(db, tenantId, async (tx) =>
      rowsOf<{ key: string }>(
        await tx.execute(sql`
          select storage_key as key from attachments where tenant_id = ${tenantId} and storage_key in (${list})
          union
          select file_key as key from import_jobs where tenant_id = ${tenantId} and file_key in (${list})`),
      ),
    );
    for (const row of rows) named.add(row.key);
    open = open.filter((key) => !named.has(key));
  }
  return new Set(keys.filter((key) => named.has(key) || named.has(baseOf(key))));
}

export interface OrphanSweep {
  /** Files older than the age that were looked at. */
  examined: number;
  /** Of those, removed because no row names them. */
  removed: number;
  /** Removals that failed (tried again next night). */
  errors: number;
}

/**
 * Removes stored files older than a day that no row names (no attachment, no preview of one, no
 * import upload), in any tenant. Keys are checked against the database in batches, just before
 * their removal; a file a row names is never removed. Does nothing for a store that cannot list.
 */
export async function sweepOrphanedFiles(
  db: Database,
  files: SweepableFiles | undefined,
  options: { now?: Date; lookupBatch?: number } = {},
): Promise<OrphanSweep> {
  const outcome: OrphanSweep = { examined: 0, removed: 0, errors: 0 };
  if (!files?.list) return outcome;
  const now = options.now ?? new Date();
  const lookupBatch = options.lookupBatch ?? ORPHAN_LOOKUP_BATCH;
  const olderThan = new Date(now.getTime() - housekeepingAges.orphanFileMs);
  // Every tenant, archived ones too: their rows still name files.
  const tenantIds = (
    await withSystem(db, (tx) => tx.select({ id: schema.tenants.id }).from(schema.tenants))
  ).map((row) => row.id);
  const settle = async (keys: string[]) => {
    const named = await referencedKeys(db, keys, tenantIds);
    for (const key of keys) {
      if (named.has(key)) continue;
      try {
        await files.remove(key);
        outcome.removed += 1;
      } catch {
        outcome.errors += 1;
      }
    }
  };
  let pending: string[] = [];
  for await (const file of files.list({ olderThan })) {
    // The store filters too; checking again keeps a store that ignores the option harmless.
    if (!(file.modifiedAt < olderThan)) continue;
    outcome.examined += 1;
    pending.push(file.key);
    if (pending.length >= lookupBatch) {
      await settle(pending);
      pending = [];
    }
  }
  if (pending.length > 0) await settle(pending);
  return outcome;
}

export const housekeepingKinds = [
  "staff_sessions",
  "portal_sessions",
  "staff_invitations",
  "portal_invitations",
  "staff_password_resets",
  "portal_password_resets",
  "outbox_events",
  "connect_idempotency_keys",
] as const;
export type HousekeepingKind = (typeof housekeepingKinds)[number];

/** Which rows of each table are spent at `now`. Tables are fixed names, never input. */
function spentRows(kind: HousekeepingKind, now: Date): { table: string; where: SQL } {
  const at = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const current = now.toISOString();
  switch (kind) {
    case "staff_sessions":
    case "portal_sessions":
      return {
        table: kind,
        where: sql`expires_at < ${current} or absolute_expires_at < ${current}`,
      };
    case "staff_invitations":
    case "portal_invitations": {
      const before = at(housekeepingAges.invitationMs);
      return {
        table: kind,
        where: sql`expires_at < ${before} or accepted_at < ${before} or revoked_at < ${before}`,
      };
    }
    case "staff_password_resets":
    case "portal_password_resets":
      return { table: kind, where: sql`expires_at < ${current} or used_at is not null` };
    case "outbox_events":
      return {
        table: kind,
        where: sql`status = 'done' and processed_at < ${at(housekeepingAges.outboxDoneMs)}`,
      };
    case "connect_idempotency_keys":
      return { table: kind, where: sql`created_at < ${at(housekeepingAges.idempotencyKeyMs)}` };
  }
}

/** One batch of one kind; returns how many rows went. */
export async function sweepBatch(
  db: Database,
  kind: HousekeepingKind,
  now: Date,
  limit = HOUSEKEEPING_BATCH_SIZE,
): Promise<number> {
  const { table, where } = spentRows(kind, now);
  const name = sql.raw(`"${table}"`);
  // These are platform tables (no tenant) or tables open to platform work (system access).
  const rows = await withSystem(db, async (tx) =>
    rowsOf(
      await tx.execute(
        sql`delete from ${name} where id in (select id from ${name} where ${where} limit ${limit}) returning id`,
      ),
    ),
  );
  return rows.length;
}

export type HousekeepingTotals = Record<HousekeepingKind, number>;

/**
 * Removes spent platform rows: expired sessions, expired or used invitations and reset tokens,
 * delivered outbox rows older than a week, idempotency keys older than a day. Counts only.
 * Orphaned files are swept by sweepOrphanedFiles (the nightly function runs both).
 */
export async function runHousekeeping(
  db: Database,
  options: { now?: Date; batchSize?: number } = {},
): Promise<HousekeepingTotals> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? HOUSEKEEPING_BATCH_SIZE;
  const totals = Object.fromEntries(housekeepingKinds.map((k) => [k, 0])) as HousekeepingTotals;
  for (const kind of housekeepingKinds) {
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const removed = await sweepBatch(db, kind, now, batchSize);
      totals[kind] += removed;
      if (removed < batchSize) break;
    }
  }
  return totals;
}

/** The nightly housekeeping run: a step per kind (each of batched statements), counts logged. */
export function createHousekeepingFunction(
  inngest: Inngest.Any,
  db: Database,
  log?: RelayLog,
  files?: SweepableFiles,
) {
  return inngest.createFunction(
    { id: "platform-housekeeping", name: "Platform housekeeping", triggers: [cron(HOUSEKEEPING_CRON)] },
    async ({ step }) => {
      const now = new Date(await step.run("now", () => new Date().toISOString()));
      const totals = {} as HousekeepingTotals;
      for (const kind of housekeepingKinds) {
        totals[kind] = await step.run(`sweep-${kind}`, async () => {
          let removed = 0;
          for (let batch = 0; batch < MAX_BATCHES; batch++) {
            const n = await sweepBatch(db, kind, now);
            removed += n;
            if (n < HOUSEKEEPING_BATCH_SIZE) break;
          }
          return removed;
        });
      }
      const orphans = await step.run("sweep-orphaned-files", () => sweepOrphanedFiles(db, files, { now }));
      log?.info("Housekeeping removed spent rows", { ...totals });
      log?.info("Housekeeping swept orphaned files", { ...orphans });
      return { ...totals, orphanedFiles: orphans.removed };
    },
  );
}
