import {
  type Database,
  recordAudit,
  rowsOf,
  schema,
  type Transaction,
  withSystem,
  withTenant,
} from "@ordinavo/db";
import type { RetentionSubject } from "@ordinavo/domain";
import { and, asc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { cron, type Inngest } from "inngest";
import { retentionDue } from "../events";
import { recordEvent } from "../outbox";

/** Every night at 03:15 UTC each tenant's active retention policies are applied. */
export const RETENTION_CRON = "TZ=UTC 15 3 * * *";

/** Rows removed by one statement (one step). */
export const RETENTION_BATCH_SIZE = 1000;

/**
 * Batches per subject and run. A tenant's first run after a long backlog stops here and the next
 * night goes on: a run stays well inside the step limit of an Inngest run (and of the in-process
 * executor), and a batch that is interrupted is simply done again.
 */
export const RETENTION_MAX_BATCHES = 20;

/** What retention needs of the file store: removing the bytes of a deleted attachment. */
export interface FileRemover {
  remove(key: string): Promise<void>;
}

/** The preview stored beside an image (see @ordinavo/files previewKeyOf). */
const previewKeyOf = (storageKey: string) => `${storageKey}.preview`;

export interface DuePolicy {
  policyId: string;
  subject: RetentionSubject;
  /** Rows older than this (ISO timestamp) are removed. */
  cutoff: string;
}

/** The tenant's active policies, each with the moment before which its rows go. */
export async function duePolicies(db: Database, tenantId: string, now: Date): Promise<DuePolicy[]> {
  const p = schema.retentionPolicies;
  const rows = await withTenant(db, tenantId, (tx) =>
    tx
      .select({ id: p.id, subject: p.subject, retainDays: p.retainDays })
      .from(p)
      .where(and(eq(p.tenantId, tenantId), eq(p.active, true)))
      .orderBy(asc(p.subject)),
  );
  return rows.map((row) => ({
    policyId: row.id,
    subject: row.subject,
    cutoff: new Date(now.getTime() - row.retainDays * 86_400_000).toISOString(),
  }));
}

// ---- One batch per subject ----------------------------------------------------------------

/** True when the customer of `customerColumn` is under legal hold. */
const held = (customerColumn: SQL) =>
  sql`exists (select 1 from customers c where c.tenant_id = ${sql.raw("t.tenant_id")} and c.id = ${customerColumn} and c.legal_hold_at is not null)`;

type Ids = { id: string }[];

/** Removes attachment rows (of any owner) and returns their storage keys, for the file store. */
async function deleteAttachmentsWhere(tx: Transaction, tenantId: string, condition: SQL): Promise<string[]> {
  const rows = rowsOf<{ storage_key: string }>(
    await tx.execute(sql`
      delete from attachments t
      where t.tenant_id = ${tenantId} and ${condition}
      returning t.storage_key`),
  );
  return rows.map((row) => row.storage_key);
}

/** Timeline entries that point at removed objects would lead nowhere: they go with them. */
async function deleteTimelineOf(tx: Transaction, tenantId: string, objectType: string, ids: string[]) {
  if (ids.length === 0) return;
  await tx.execute(sql`
    delete from timeline_entries
    where tenant_id = ${tenantId} and object_type = ${objectType}
      and object_id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`);
}

const uuidList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/**
 * Customers per batch of the archived_customers kind: each drags everything recorded about it
 * along, so a batch is a few customers, not a thousand rows.
 */
export const ARCHIVED_CUSTOMERS_BATCH_SIZE = 5;

/** How many rows of `subject` one batch removes at most, given the run's batch size. */
export function batchSizeOf(subject: RetentionSubject, batchSize: number): number {
  return subject === "archived_customers" ? Math.min(batchSize, ARCHIVED_CUSTOMERS_BATCH_SIZE) : batchSize;
}

async function idsOf(tx: Transaction, query: SQL): Promise<string[]> {
  return rowsOf<{ id: string }>(await tx.execute(query)).map((r) => r.id);
}

/**
 * Customers archived before `before` and not under legal hold, with everything that belongs to
 * them. Children whose foreign keys do not cascade go first, in dependency order; the customer's
 * own delete then cascades to its locations, contacts (and their portal invitations), internal
 * notes, portal grants and timeline entries. Returns the number of customers and the storage
 * keys of their files.
 */
async function deleteArchivedCustomers(
  tx: Transaction,
  tenantId: string,
  before: string,
  limit: number,
): Promise<{ deleted: number; fileKeys: string[] }> {
  const customers = await idsOf(
    tx,
    sql`select t.id from customers t
      where t.tenant_id = ${tenantId} and t.archived_at is not null and t.archived_at < ${before}
        and t.legal_hold_at is null
      order by t.archived_at, t.id limit ${limit}`,
  );
  if (customers.length === 0) return { deleted: 0, fileKeys: [] };
  const of = (table: string) =>
    idsOf(
      tx,
      sql`select id from ${sql.raw(table)} where tenant_id = ${tenantId} and customer_id in (${uuidList(customers)})`,
    );
  const locations = await of("locations");
  const contacts = await of("contact_persons");
  const targets = await of("targets");
  const appointments = await of("appointments");
  const reports = await of("visit_reports");
  const followUps = await of("follow_ups");
  const billing = await of("billing_triggers");
  const plans = await of("recurring_plans");
  const requests = await of("portal_requests");
  const notes = await of("internal_notes");
  const attachmentIds = await of("attachments");

  // Every attachment carries its customer; the bytes go after the commit.
  const fileKeys = await deleteAttachmentsWhere(tx, tenantId, sql`t.customer_id in (${uuidList(customers)})`);

  // External references are keyed by object type and id (no foreign key).
  const referenced: [string, string[]][] = [
    ["customer", customers],
    ["location", locations],
    ["contact_person", contacts],
    ["internal_note", notes],
    ["target", targets],
    ["appointment", appointments],
    ["recurring_plan", plans],
    ["visit_report", reports],
    ["attachment", attachmentIds],
    ["follow_up", followUps],
    ["billing_trigger", billing],
    ["portal_request", requests],
  ];
  for (const [objectType, ids] of referenced) {
    if (ids.length === 0) continue;
    await tx.execute(sql`
      delete from external_references
      where tenant_id = ${tenantId} and object_type = ${objectType} and object_id in (${uuidList(ids)})`);
  }

  const inCustomers = sql`tenant_id = ${tenantId} and customer_id in (${uuidList(customers)})`;
  // Reports (their follow-ups and billing triggers cascade; those without a report go by customer).
  await tx.execute(sql`delete from billing_triggers where ${inCustomers}`);
  await tx.execute(sql`delete from follow_ups where ${inCustomers}`);
  await tx.execute(sql`delete from visit_reports where ${inCustomers}`);
  // Portal requests name a location and may name the target they became.
  await tx.execute(sql`delete from portal_requests where ${inCustomers}`);
  if (targets.length > 0) {
    await tx.execute(sql`
      update portal_requests set resulting_target_id = null
      where tenant_id = ${tenantId} and resulting_target_id in (${uuidList(targets)})`);
  }
  // Recurring occurrences point at plans (cascade), appointments and targets (no action).
  if (plans.length > 0 || appointments.length > 0 || targets.length > 0) {
    const none = sql`null::uuid`;
    await tx.execute(sql`
      delete from recurring_occurrences
      where tenant_id = ${tenantId} and (
        plan_id in (${plans.length > 0 ? uuidList(plans) : none})
        or appointment_id in (${appointments.length > 0 ? uuidList(appointments) : none})
        or target_id in (${targets.length > 0 ? uuidList(targets) : none}))`);
  }
  await tx.execute(sql`delete from recurring_plans where ${inCustomers}`);
  // Appointments take their route stops and field updates with them (cascade).
  await tx.execute(sql`delete from appointments where ${inCustomers}`);
  await tx.execute(sql`delete from targets where ${inCustomers}`);

  let portalUsers: string[] = [];
  if (contacts.length > 0) {
    // Targets of other customers never should name these contacts; if one does, it loses the name.
    await tx.execute(sql`
      update targets set contact_id = null
      where tenant_id = ${tenantId} and contact_id in (${uuidList(contacts)})`);
    portalUsers = await idsOf(
      tx,
      sql`update portal_users set contact_person_id = null
        where tenant_id = ${tenantId} and contact_person_id in (${uuidList(contacts)})
        returning id`,
    );
  }
  await tx.execute(sql`
    update portal_users set current_customer_id = null
    where tenant_id = ${tenantId} and current_customer_id in (${uuidList(customers)})`);

  // Pending invitations of other contacts that would grant one of these customers lose that grant.
  const invitations = rowsOf<{ id: string; grants: { customerId: string; locationId: string | null }[] }>(
    await tx.execute(sql`
      select id, grants from portal_invitations
      where tenant_id = ${tenantId} and (${sql.join(
        customers.map((id) => sql`grants @> ${JSON.stringify([{ customerId: id }])}::jsonb`),
        sql` or `,
      )})`),
  );
  for (const invitation of invitations) {
    const grants = (
      typeof invitation.grants === "string" ? JSON.parse(invitation.grants) : invitation.grants
    ) as {
      customerId: string;
    }[];
    const left = grants.filter((g) => !customers.includes(g.customerId));
    if (left.length === 0) {
      await tx.execute(
        sql`delete from portal_invitations where tenant_id = ${tenantId} and id = ${invitation.id}`,
      );
    } else {
      await tx.execute(sql`
        update portal_invitations set grants = ${JSON.stringify(left)}::jsonb
        where tenant_id = ${tenantId} and id = ${invitation.id}`);
    }
  }

  // Locations, contacts (with their invitations), notes, grants and timeline entries cascade.
  const gone = await idsOf(
    tx,
    sql`delete from customers where tenant_id = ${tenantId} and id in (${uuidList(customers)}) returning id`,
  );

  // Portal accounts made for these customers' contacts that now open nothing go too (their
  // sessions, resets and invitations cascade); accounts with grants elsewhere or requests stay.
  if (portalUsers.length > 0) {
    await tx.execute(sql`
      delete from portal_users u
      where u.tenant_id = ${tenantId} and u.id in (${uuidList(portalUsers)})
        and not exists (select 1 from portal_access_grants g where g.tenant_id = u.tenant_id and g.portal_user_id = u.id)
        and not exists (select 1 from portal_requests r where r.tenant_id = u.tenant_id and r.portal_user_id = u.id)`);
  }
  return { deleted: gone.length, fileKeys };
}

/**
 * Deletes one batch of `subject` older than `cutoff` in the tenant, leaving records of customers
 * under legal hold. Returns how many rows of the subject went, and the storage keys of files
 * whose rows went with them (removed from the store after the transaction commits).
 */
async function deleteBatchInTx(
  tx: Transaction,
  tenantId: string,
  subject: RetentionSubject,
  cutoff: Date,
  limit: number,
): Promise<{ deleted: number; fileKeys: string[] }> {
  const before = cutoff.toISOString();
  switch (subject) {
    case "archived_customers":
      return deleteArchivedCustomers(tx, tenantId, before, limit);
    case "visit_reports": {
      const ids = rowsOf<{ id: string }>(
        await tx.execute(sql`
          select t.id from visit_reports t
          where t.tenant_id = ${tenantId} and t.created_at < ${before}
            and not ${held(sql.raw("t.customer_id"))}
          order by t.created_at limit ${limit}`),
      ).map((r) => r.id);
      if (ids.length === 0) return { deleted: 0, fileKeys: [] };
      const fileKeys = await deleteAttachmentsWhere(
        tx,
        tenantId,
        sql`t.owner_type = 'visit_report' and t.owner_id in (${uuidList(ids)})`,
      );
      const followUps = rowsOf<{ id: string }>(
        await tx.execute(
          sql`select id from follow_ups where tenant_id = ${tenantId} and visit_report_id in (${uuidList(ids)})`,
        ),
      ).map((r) => r.id);
      await deleteTimelineOf(tx, tenantId, "visit_report", ids);
      await deleteTimelineOf(tx, tenantId, "follow_up", followUps);
      // Follow-ups and billing triggers go with their report (foreign keys cascade).
      const gone = rowsOf<{ id: string }>(
        await tx.execute(
          sql`delete from visit_reports where tenant_id = ${tenantId} and id in (${uuidList(ids)}) returning id`,
        ),
      );
      return { deleted: gone.length, fileKeys };
    }
    case "attachments": {
      const fileKeys = await deleteAttachmentsWhere(
        tx,
        tenantId,
        sql`t.id in (select t.id from attachments t
          where t.tenant_id = ${tenantId} and t.created_at < ${before}
            and not ${held(sql.raw("t.customer_id"))}
          order by t.created_at limit ${limit})`,
      );
      return { deleted: fileKeys.length, fileKeys };
    }
    case "timeline_entries": {
      const gone = rowsOf(
        await tx.execute(sql`
          delete from timeline_entries where tenant_id = ${tenantId} and id in (
            select t.id from timeline_entries t
            where t.tenant_id = ${tenantId} and t.occurred_at < ${before}
              and not ${held(sql.raw("t.customer_id"))}
            order by t.occurred_at limit ${limit})
          returning id`),
      );
      return { deleted: gone.length, fileKeys: [] };
    }
    case "import_jobs": {
      // Jobs still under way stay; their rows and warnings go with the job (cascade).
      const gone = rowsOf<{ file_key: string | null }>(
        await tx.execute(sql`
          delete from import_jobs where tenant_id = ${tenantId} and id in (
            select t.id from import_jobs t
            where t.tenant_id = ${tenantId} and t.created_at < ${before}
              and t.status not in ('pending', 'validating', 'running')
            order by t.created_at limit ${limit})
          returning file_key`),
      );
      return {
        deleted: gone.length,
        fileKeys: gone.flatMap((r) => (r.file_key ? [r.file_key] : [])),
      };
    }
    case "webhook_deliveries": {
      // Deliveries still waiting for an attempt stay; attempts go with their delivery (cascade).
      const gone = rowsOf(
        await tx.execute(sql`
          delete from webhook_deliveries where tenant_id = ${tenantId} and id in (
            select t.id from webhook_deliveries t
            where t.tenant_id = ${tenantId} and t.created_at < ${before}
              and t.status in ('succeeded', 'failed')
            order by t.created_at limit ${limit})
          returning id`),
      );
      return { deleted: gone.length, fileKeys: [] };
    }
    case "audit_log": {
      // Entries about a customer under legal hold stay with it.
      const gone = rowsOf(
        await tx.execute(sql`
          delete from audit_log where tenant_id = ${tenantId} and id in (
            select t.id from audit_log t
            where t.tenant_id = ${tenantId} and t.created_at < ${before}
              and not (t.object_type = 'customer' and t.object_id is not null and ${held(sql.raw("t.object_id"))})
            order by t.created_at limit ${limit})
          returning id`),
      );
      return { deleted: gone.length, fileKeys: [] };
    }
    case "login_events": {
      // Sign-in outcomes and the portal's security events of this tenant, one limit for both.
      const logins = rowsOf(
        await tx.execute(sql`
          delete from login_events where tenant_id = ${tenantId} and id in (
            select t.id from login_events t
            where t.tenant_id = ${tenantId} and t.created_at < ${before}
            order by t.created_at limit ${limit})
          returning id`),
      );
      const rest = limit - logins.length;
      const security =
        rest > 0
          ? rowsOf(
              await tx.execute(sql`
                delete from security_events where tenant_id = ${tenantId} and id in (
                  select t.id from security_events t
                  where t.tenant_id = ${tenantId} and t.created_at < ${before}
                  order by t.created_at limit ${rest})
                returning id`),
            )
          : [];
      return { deleted: logins.length + security.length, fileKeys: [] };
    }
    case "mobile_updates": {
      const ids = rowsOf<{ id: string }>(
        await tx.execute(sql`
          select t.id from mobile_updates t
          join appointments a on a.tenant_id = t.tenant_id and a.id = t.appointment_id
          where t.tenant_id = ${tenantId} and t.received_at < ${before}
            and not ${held(sql.raw("a.customer_id"))}
          order by t.received_at limit ${limit}`),
      ).map((r) => r.id);
      if (ids.length === 0) return { deleted: 0, fileKeys: [] };
      const fileKeys = await deleteAttachmentsWhere(
        tx,
        tenantId,
        sql`t.owner_type = 'mobile_update' and t.owner_id in (${uuidList(ids)})`,
      );
      const gone = rowsOf<Ids[number]>(
        await tx.execute(
          sql`delete from mobile_updates where tenant_id = ${tenantId} and id in (${uuidList(ids)}) returning id`,
        ),
      );
      return { deleted: gone.length, fileKeys };
    }
  }
}

export interface BatchOutcome {
  deleted: number;
  files: number;
  /** Files whose removal failed (their rows are gone; the bytes stay for a later sweep). */
  fileErrors: number;
}

/**
 * One statement's worth of retention for one subject, in its own transaction; the files of
 * removed attachments are removed from the store after the commit (a failed commit removes none).
 */
export async function deleteRetentionBatch(
  db: Database,
  files: FileRemover | undefined,
  input: { tenantId: string; subject: RetentionSubject; cutoff: Date; limit?: number },
): Promise<BatchOutcome> {
  const limit = batchSizeOf(input.subject, input.limit ?? RETENTION_BATCH_SIZE);
  const { deleted, fileKeys } = await withTenant(db, input.tenantId, (tx) =>
    deleteBatchInTx(tx, input.tenantId, input.subject, input.cutoff, limit),
  );
  let removed = 0;
  let fileErrors = 0;
  for (const key of fileKeys) {
    if (!files) {
      fileErrors += 1;
      continue;
    }
    try {
      await files.remove(key);
      await files.remove(previewKeyOf(key)).catch(() => undefined);
      removed += 1;
    } catch {
      fileErrors += 1;
    }
  }
  return { deleted, files: removed, fileErrors };
}

/**
 * Records the outcome of one policy's run: when it ran and how many rows went, on the policy and
 * as an audit entry of the system (kind and counts, never content).
 */
export async function finishRetentionPolicy(
  db: Database,
  input: {
    tenantId: string;
    policy: DuePolicy;
    deleted: number;
    files: number;
    complete: boolean;
    now: Date;
  },
): Promise<void> {
  const p = schema.retentionPolicies;
  await withTenant(db, input.tenantId, async (tx) => {
    await tx
      .update(p)
      .set({ lastRunAt: input.now, lastDeletedCount: input.deleted })
      .where(and(eq(p.tenantId, input.tenantId), eq(p.id, input.policy.policyId)));
    await recordAudit(tx, {
      tenantId: input.tenantId,
      actor: { type: "system" },
      action: "retention.applied",
      objectType: "retention_policy",
      objectId: input.policy.policyId,
      metadata: {
        subject: input.policy.subject,
        deleted: input.deleted,
        files: input.files,
        complete: input.complete,
      },
    });
  });
}

export interface RetentionTotals {
  policies: number;
  deleted: number;
  files: number;
  /** Per subject. */
  bySubject: Partial<Record<RetentionSubject, number>>;
}

/**
 * Applies every active policy of one tenant now, batch after batch (the same work as the job,
 * without Inngest: scripts and tests). Idempotent: a second run finds nothing older left.
 */
export async function applyRetention(
  db: Database,
  input: { tenantId: string; files?: FileRemover; now?: Date; batchSize?: number; maxBatches?: number },
): Promise<RetentionTotals> {
  const now = input.now ?? new Date();
  const batchSize = input.batchSize ?? RETENTION_BATCH_SIZE;
  const maxBatches = input.maxBatches ?? RETENTION_MAX_BATCHES;
  const totals: RetentionTotals = { policies: 0, deleted: 0, files: 0, bySubject: {} };
  for (const policy of await duePolicies(db, input.tenantId, now)) {
    let deleted = 0;
    let removedFiles = 0;
    let complete = false;
    for (let batch = 0; batch < maxBatches; batch++) {
      const outcome = await deleteRetentionBatch(db, input.files, {
        tenantId: input.tenantId,
        subject: policy.subject,
        cutoff: new Date(policy.cutoff),
        limit: batchSize,
      });
      deleted += outcome.deleted;
      removedFiles += outcome.files;
      if (outcome.deleted < batchSizeOf(policy.subject, batchSize)) {
        complete = true;
        break;
      }
    }
    await finishRetentionPolicy(db, {
      tenantId: input.tenantId,
      policy,
      deleted,
      files: removedFiles,
      complete,
      now,
    });
    totals.policies += 1;
    totals.deleted += deleted;
    totals.files += removedFiles;
    totals.bySubject[policy.subject] = deleted;
  }
  return totals;
}

/** Tenants (not archived) with at least one active policy. */
export async function tenantsWithRetention(db: Database): Promise<string[]> {
  const tenantRows = await withSystem(db, (tx) =>
    tx
      .select({ id: schema.tenants.id })
      .from(schema.tenants)
      .where(isNull(schema.tenants.archivedAt))
      .orderBy(asc(schema.tenants.id)),
  );
  const due: string[] = [];
  for (const { id } of tenantRows) {
    const p = schema.retentionPolicies;
    const [row] = await withTenant(db, id, (tx) =>
      tx
        .select({ id: p.id })
        .from(p)
        .where(and(eq(p.tenantId, id), eq(p.active, true)))
        .limit(1),
    );
    if (row) due.push(id);
  }
  return due;
}

// ---- Inngest functions --------------------------------------------------------------------

/**
 * The nightly schedule: one `retention.due` event per tenant with an active policy, recorded in
 * the outbox, so each tenant's run is its own function run (its own steps, retries and limits).
 */
export function createRetentionScheduleFunction(inngest: Inngest.Any, db: Database) {
  return inngest.createFunction(
    { id: "schedule-retention", name: "Schedule retention", triggers: [cron(RETENTION_CRON)] },
    async ({ step }) =>
      step.run("record-tenant-runs", async () => {
        const tenants = await tenantsWithRetention(db);
        for (const tenantId of tenants) {
          await withTenant(db, tenantId, (tx) => recordEvent(tx, retentionDue.name, { tenantId }));
        }
        return { tenants: tenants.length };
      }),
  );
}

/**
 * Applies one tenant's active policies: a step per batch of at most RETENTION_BATCH_SIZE rows,
 * then a step recording the policy's outcome. Each batch deletes only rows older than the cutoff
 * fixed in the first step, so a retried step or run deletes nothing twice and nothing newer.
 */
export function createRetentionFunction(inngest: Inngest.Any, db: Database, files?: FileRemover) {
  return inngest.createFunction(
    {
      id: "apply-retention",
      name: "Apply retention policies",
      triggers: [retentionDue],
      // One run per tenant at a time; another night's run waits for it.
      concurrency: { key: "event.data.tenantId", limit: 1 },
    },
    async ({ event, step }) => {
      const { tenantId } = retentionDue.schema.parse(event.data);
      const plan = await step.run("policies", async () => ({
        now: new Date().toISOString(),
        policies: await duePolicies(db, tenantId, new Date()),
      }));
      let total = 0;
      for (const policy of plan.policies) {
        let deleted = 0;
        let removedFiles = 0;
        let complete = false;
        for (let batch = 0; batch < RETENTION_MAX_BATCHES; batch++) {
          const outcome = await step.run(`delete-${policy.subject}-${batch}`, () =>
            deleteRetentionBatch(db, files, {
              tenantId,
              subject: policy.subject,
              cutoff: new Date(policy.cutoff),
            }),
          );
          deleted += outcome.deleted;
          removedFiles += outcome.files;
          if (outcome.deleted < batchSizeOf(policy.subject, RETENTION_BATCH_SIZE)) {
            complete = true;
            break;
          }
        }
        await step.run(`finish-${policy.subject}`, () =>
          finishRetentionPolicy(db, {
            tenantId,
            policy,
            deleted,
            files: removedFiles,
            complete,
            now: new Date(plan.now),
          }),
        );
        total += deleted;
      }
      return { policies: plan.policies.length, deleted: total };
    },
  );
}
