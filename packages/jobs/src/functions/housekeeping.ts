import { type Database, rowsOf, withSystem } from "@ordinavo/db";
import { type SQL, sql } from "drizzle-orm";
import { cron, type Inngest } from "inngest";
import type { RelayLog } from "../relay";

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
} as const;

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
 *
 * Orphaned files (bytes in the store without an attachment row) are not swept: the file store
 * offers no listing (put/open/remove/has only), so there is nothing to compare the rows with.
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
export function createHousekeepingFunction(inngest: Inngest.Any, db: Database, log?: RelayLog) {
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
      log?.info("Housekeeping removed spent rows", { ...totals });
      return totals;
    },
  );
}
