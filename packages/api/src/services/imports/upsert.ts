import { randomUUID } from "node:crypto";
import { rowsOf, schema, type Transaction } from "@ordinavo/db";
import {
  coerceImportRow,
  defaultContactMethod,
  type ImportFieldError,
  type ImportWarning,
  importFieldErrors,
  importRowSchemas,
  missingPreferredChannel,
  type UpsertKind,
} from "@ordinavo/domain";
import type { ObjectType, WebhookEventType } from "@ordinavo/domain/vocabulary";
import {
  type Action,
  can,
  canWriteExternalReference,
  closedGates,
  type IntegrationActor,
  type StaffActor,
  type TenantGates,
} from "@ordinavo/policy";
import { and, eq, inArray, sql } from "drizzle-orm";
import { AppError } from "../../errors";
import { auditActor } from "../context";
import { changedFields } from "../records";
import { recordWebhookEvents } from "../webhook-events";

// The one way rows from another system become Ordinavo records: an import job's batches and the
// Connect write procedures both come here. Rows name their object by (source system, external id)
// and their parents the same way. A batch is a handful of set-based statements whatever its size:
// one lookup of the rows' own references, one per kind of parent, one multi-row insert per table,
// one update per shape of change. A row already as stored writes nothing at all.

export interface UpsertWriter {
  tenantId: string;
  actor: StaffActor | IntegrationActor;
  /** "import": rows of an import job; "api": a Connect write. Carried by events and the timeline. */
  source: "api" | "import";
  gates?: TenantGates;
  /** The import job the rows belong to (its audit entry names it). */
  importJobId?: string;
}

export interface UpsertInput {
  kind: UpsertKind;
  sourceSystem: string;
  rows: Record<string, unknown>[];
  /** Validate and classify every row, write nothing. */
  dryRun: boolean;
}

export type UpsertOutcome = "created" | "updated" | "unchanged";

export interface UpsertResult {
  /** The row's position in `rows`. */
  index: number;
  status: "imported" | "unchanged" | "failed";
  /** What the row did (on a dry run: what it would do). */
  outcome?: UpsertOutcome;
  /** The object written or found; not on a dry run's creations. */
  objectId?: string;
  /** Set when `status` is "failed": which fields are wrong, and why. */
  errors: ImportFieldError[];
  warnings: ImportWarning[];
}

type Column = { column: string; type: "text" | "float8" | "int4" | "date" | "uuid" };

interface KindConfig {
  objectType: Extract<ObjectType, "customer" | "location" | "contact_person" | "target">;
  writeAction: Action;
  table: string;
  /** Row fields stored as they are, with their column and type. */
  fields: Record<string, Column>;
  /** Parent references: the row's external-id field → the object type it names and the column. */
  parents: Record<string, { objectType: "customer" | "location" | "contact_person"; column: string }>;
}

const text = (column: string): Column => ({ column, type: "text" });

const kinds: { [K in UpsertKind]: KindConfig } = {
  customer: {
    objectType: "customer",
    writeAction: "customer.write",
    table: "customers",
    fields: {
      number: text("number"),
      name: text("name"),
      type: text("type"),
      status: text("status"),
      industry: text("industry"),
      email: text("email"),
      phone: text("phone"),
      website: text("website"),
      notes: text("notes"),
    },
    parents: {},
  },
  location: {
    objectType: "location",
    writeAction: "location.write",
    table: "locations",
    fields: {
      name: text("name"),
      addressLine1: text("address_line1"),
      addressLine2: text("address_line2"),
      postalCode: text("postal_code"),
      city: text("city"),
      country: text("country"),
      latitude: { column: "latitude", type: "float8" },
      longitude: { column: "longitude", type: "float8" },
      accessNotes: text("access_notes"),
      parkingNotes: text("parking_notes"),
      defaultWorkMinutes: { column: "default_work_minutes", type: "int4" },
      defaultPriority: text("default_priority"),
    },
    parents: { customerExternalId: { objectType: "customer", column: "customerId" } },
  },
  contact: {
    objectType: "contact_person",
    writeAction: "contact.write",
    table: "contact_persons",
    fields: {
      name: text("name"),
      role: text("role"),
      department: text("department"),
      email: text("email"),
      phone: text("phone"),
      mobile: text("mobile"),
      preferredContactMethod: text("preferred_contact_method"),
    },
    parents: {
      customerExternalId: { objectType: "customer", column: "customerId" },
      locationExternalId: { objectType: "location", column: "locationId" },
    },
  },
  target: {
    objectType: "target",
    writeAction: "target.write",
    table: "targets",
    fields: {
      title: text("title"),
      description: text("description"),
      priority: text("priority"),
      dueDate: { column: "due_date", type: "date" },
    },
    parents: {
      customerExternalId: { objectType: "customer", column: "customerId" },
      locationExternalId: { objectType: "location", column: "locationId" },
      contactExternalId: { objectType: "contact_person", column: "contactId" },
    },
  },
};

const parentColumns: Record<string, Column> = {
  customerId: { column: "customer_id", type: "uuid" },
  locationId: { column: "location_id", type: "uuid" },
  contactId: { column: "contact_id", type: "uuid" },
};

const tables = {
  customer: schema.customers,
  location: schema.locations,
  contact_person: schema.contactPersons,
  target: schema.targets,
} as const;

/** Values a new object takes for fields its row leaves out (the columns' own defaults). */
const createDefaults: { [K in UpsertKind]: Record<string, unknown> } = {
  customer: { status: "active", type: "business" },
  location: { defaultWorkMinutes: 60, defaultPriority: "normal" },
  contact: { preferredContactMethod: "email" },
  target: { priority: "normal" },
};

const parentLabel = { customer: "customer", location: "location", contact_person: "contact person" } as const;

/**
 * Refuses a writer who may not write this kind from this source: staff need `import.write`; a key
 * needs `imports:write` or the kind's write scope, and a key limited to a source system writes
 * that source only.
 */
export function assertMayUpsert(writer: UpsertWriter, kind: UpsertKind, sourceSystem: string) {
  const gates = writer.gates ?? closedGates;
  const config = kinds[kind];
  const { actor } = writer;
  const kindAllowed =
    can(actor, "import.write", gates) ||
    (actor.kind === "integration" && can(actor, config.writeAction, gates));
  const referenceAllowed = canWriteExternalReference(
    actor,
    { tenantId: writer.tenantId, objectType: config.objectType, sourceSystem },
    gates,
  );
  if (!kindAllowed || !referenceAllowed || actor.tenantId !== writer.tenantId) {
    throw new AppError("FORBIDDEN", "You may not write these records from this source system.");
  }
}

type Pending = {
  index: number;
  externalId: string;
  /** Column values the row gives (fields and resolved parents), by row field / parent column name. */
  change: Record<string, unknown>;
  existing?: Record<string, unknown> & { id: string };
  /** Set when the row's external id points at a reference whose object is gone. */
  objectId?: string;
};

/** Upserts `rows` of one kind in the caller's transaction. Results come back in row order. */
export async function upsertBatch(
  tx: Transaction,
  writer: UpsertWriter,
  input: UpsertInput,
): Promise<UpsertResult[]> {
  assertMayUpsert(writer, input.kind, input.sourceSystem);
  const config = kinds[input.kind];
  const { tenantId } = writer;
  const rowSchema = importRowSchemas[input.kind];
  const results: UpsertResult[] = input.rows.map((_, index) => ({
    index,
    status: "failed",
    errors: [],
    warnings: [],
  }));
  const fail = (index: number, error: ImportFieldError) => {
    results[index]!.status = "failed";
    results[index]!.errors.push(error);
  };

  // 1. Each row on its own: coerce, validate, one row per external id.
  const parsed: { index: number; row: Record<string, unknown> }[] = [];
  const seen = new Set<string>();
  input.rows.forEach((raw, index) => {
    const { values, warnings } = coerceImportRow(input.kind, raw);
    results[index]!.warnings = warnings;
    const result = rowSchema.safeParse(values);
    if (!result.success) {
      results[index]!.errors = importFieldErrors(result.error);
      return;
    }
    const row = result.data as Record<string, unknown>;
    const externalId = row.externalId as string;
    if (seen.has(externalId)) {
      fail(index, {
        field: "externalId",
        message: "This external ID is in an earlier row of the batch already",
      });
      return;
    }
    seen.add(externalId);
    parsed.push({ index, row });
  });
  if (parsed.length === 0) return results;

  // Concurrent batches of one source and kind take turns, so two never create the same object.
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`import:${tenantId}:${input.sourceSystem}:${input.kind}`}))`,
  );

  // 2. Parents, by external id: one lookup per kind of parent.
  const parentMaps = new Map<string, Map<string, { id: string; customerId: string; archived: boolean }>>();
  for (const [field, parent] of Object.entries(config.parents)) {
    const ids = [
      ...new Set(parsed.map((p) => p.row[field]).filter((v): v is string => typeof v === "string")),
    ];
    parentMaps.set(field, await lookupParents(tx, tenantId, input.sourceSystem, parent.objectType, ids));
  }

  // 3. The rows' own references, with the objects they point at.
  const own = await lookupOwn(
    tx,
    tenantId,
    input.sourceSystem,
    config.objectType,
    parsed.map((p) => p.row.externalId as string),
  );

  const pending: Pending[] = [];
  for (const { index, row } of parsed) {
    const change: Record<string, unknown> = {};
    for (const field of Object.keys(config.fields)) {
      if (row[field] !== undefined) change[field] = row[field];
    }
    const found = own.get(row.externalId as string);
    const existing = found?.object ?? undefined;
    let failed = false;
    for (const [field, parent] of Object.entries(config.parents)) {
      const value = row[field];
      if (value === undefined) continue;
      if (value === null) {
        if (field === "customerExternalId") failed = true;
        else change[parent.column] = null;
        continue;
      }
      const match = parentMaps.get(field)!.get(value as string);
      const label = parentLabel[parent.objectType];
      if (!match) {
        fail(index, {
          field,
          message: `No ${label} has this external ID in ${input.sourceSystem}; import the ${label} first`,
        });
        results[index]!.warnings.push({
          field,
          code: "reference_not_found",
          message: `No ${label} with this external ID in ${input.sourceSystem}.`,
        });
        failed = true;
        continue;
      }
      if (parent.objectType === "customer") {
        if (match.archived && !existing) {
          fail(index, { field, message: "This customer is archived; restore it first" });
          failed = true;
        }
        if (existing && existing.customerId !== match.id) {
          fail(index, { field, message: "This record belongs to another customer; it cannot move" });
          failed = true;
        }
      } else {
        const customerId =
          (existing?.customerId as string | undefined) ??
          parentMaps.get("customerExternalId")?.get(row.customerExternalId as string)?.id;
        if (customerId && match.customerId !== customerId) {
          fail(index, { field, message: `This ${label} belongs to another customer` });
          failed = true;
        }
      }
      change[parent.column] = match.id;
    }
    if (failed) continue;
    if (input.kind === "contact") {
      const merged = { ...(existing ?? {}), ...change } as Record<string, string | null>;
      if (!existing && change.preferredContactMethod === undefined) {
        change.preferredContactMethod = defaultContactMethod(merged);
        merged.preferredContactMethod = change.preferredContactMethod as string;
      }
      const problem = missingPreferredChannel({
        preferredContactMethod: merged.preferredContactMethod as "email",
        email: merged.email ?? null,
        phone: merged.phone ?? null,
        mobile: merged.mobile ?? null,
      });
      if (problem) {
        fail(index, problem);
        continue;
      }
    }
    if (
      input.kind === "location" &&
      existing &&
      (change.latitude === undefined) !== (change.longitude === undefined)
    ) {
      fail(index, { field: "latitude", message: "Enter both latitude and longitude, or neither" });
      continue;
    }
    if (input.kind === "customer" && !existing && change.number === undefined) {
      const id = row.externalId as string;
      if (id.length <= 32 && /^[A-Za-z0-9._-]+$/.test(id)) change.number = id;
      else {
        fail(index, {
          field: "number",
          message: "Give this customer a number: its external ID cannot be used as one",
        });
        continue;
      }
    }
    pending.push({
      index,
      externalId: row.externalId as string,
      change,
      existing,
      objectId: found?.objectId,
    });
  }

  // Customer numbers are unique in the tenant: a new number another customer holds fails its row.
  if (input.kind === "customer") {
    const numbers = pending
      .filter((p) => p.change.number !== undefined && p.change.number !== p.existing?.number)
      .map((p) => p.change.number as string);
    const taken = await takenNumbers(tx, tenantId, numbers);
    const inBatch = new Set<string>();
    for (const p of [...pending]) {
      const number = p.change.number as string | undefined;
      if (number === undefined || number === p.existing?.number) continue;
      if (taken.has(number) || inBatch.has(number)) {
        fail(p.index, { field: "number", message: "Another customer already has this number" });
        pending.splice(pending.indexOf(p), 1);
      }
      inBatch.add(number);
    }
  }

  // 4. Classify.
  const creates: Pending[] = [];
  const updates: (Pending & { changed: string[] })[] = [];
  for (const p of pending) {
    const result = results[p.index]!;
    if (!p.existing) {
      creates.push(p);
      result.status = "imported";
      result.outcome = "created";
      continue;
    }
    result.objectId = p.existing.id;
    const changed = changedFields(p.existing, p.change);
    if (changed.length === 0) {
      result.status = "unchanged";
      result.outcome = "unchanged";
    } else {
      result.status = "imported";
      result.outcome = "updated";
      updates.push({ ...p, changed });
    }
  }
  if (input.dryRun) return results;

  // 5. Write.
  const created = await insertObjects(tx, writer, input, creates);
  for (const p of creates) {
    const id = created.get(p.index);
    if (id) results[p.index]!.objectId = id;
    else {
      results[p.index]!.outcome = undefined;
      fail(p.index, { field: "number", message: "Another customer already has this number" });
    }
  }
  await updateObjects(tx, tenantId, config, updates);
  await recordEffects(tx, writer, input, config, results, creates, created, updates);
  return results;
}

async function lookupParents(
  tx: Transaction,
  tenantId: string,
  sourceSystem: string,
  objectType: "customer" | "location" | "contact_person",
  externalIds: string[],
) {
  const found = new Map<string, { id: string; customerId: string; archived: boolean }>();
  if (externalIds.length === 0) return found;
  const r = schema.externalReferences;
  const where = and(
    eq(r.tenantId, tenantId),
    eq(r.sourceSystem, sourceSystem),
    eq(r.objectType, objectType),
    inArray(r.externalId, externalIds),
  );
  if (objectType === "customer") {
    const c = schema.customers;
    const rows = await tx
      .select({ externalId: r.externalId, id: c.id, archivedAt: c.archivedAt })
      .from(r)
      .innerJoin(c, and(eq(c.tenantId, r.tenantId), eq(c.id, r.objectId)))
      .where(where);
    for (const row of rows)
      found.set(row.externalId, { id: row.id, customerId: row.id, archived: !!row.archivedAt });
  } else {
    const o = objectType === "location" ? schema.locations : schema.contactPersons;
    const rows = await tx
      .select({ externalId: r.externalId, id: o.id, customerId: o.customerId })
      .from(r)
      .innerJoin(o, and(eq(o.tenantId, r.tenantId), eq(o.id, r.objectId)))
      .where(where);
    for (const row of rows) found.set(row.externalId, { ...row, archived: false });
  }
  return found;
}

async function lookupOwn(
  tx: Transaction,
  tenantId: string,
  sourceSystem: string,
  objectType: KindConfig["objectType"],
  externalIds: string[],
) {
  const r = schema.externalReferences;
  const o = tables[objectType];
  const rows = await tx
    .select({ externalId: r.externalId, objectId: r.objectId, object: o })
    .from(r)
    .leftJoin(o, and(eq(o.tenantId, r.tenantId), eq(o.id, r.objectId)))
    .where(
      and(
        eq(r.tenantId, tenantId),
        eq(r.sourceSystem, sourceSystem),
        eq(r.objectType, objectType),
        inArray(r.externalId, externalIds),
      ),
    );
  return new Map(
    rows.map((row) => [
      row.externalId,
      { objectId: row.objectId, object: row.object as (Record<string, unknown> & { id: string }) | null },
    ]),
  );
}

async function takenNumbers(tx: Transaction, tenantId: string, numbers: string[]) {
  if (numbers.length === 0) return new Set<string>();
  const c = schema.customers;
  const rows = await tx
    .select({ number: c.number })
    .from(c)
    .where(and(eq(c.tenantId, tenantId), inArray(c.number, numbers)));
  return new Set(rows.map((row) => row.number));
}

/** Inserts the new objects and their references. Returns row index → new id (rows inserted only). */
async function insertObjects(
  tx: Transaction,
  writer: UpsertWriter,
  input: UpsertInput,
  creates: Pending[],
): Promise<Map<number, string>> {
  const ids = new Map<number, string>();
  if (creates.length === 0) return ids;
  const { tenantId, actor } = writer;
  const createdById = actor.kind === "staff" ? actor.userId : null;
  const config = kinds[input.kind];
  const defaults = createDefaults[input.kind];
  // One parameter, however many rows: a JSON record set, typed by its column list.
  const fields = [...Object.keys(config.fields), ...Object.values(config.parents).map((p) => p.column)];
  const columns = fields.map((field) => config.fields[field] ?? parentColumns[field]!);
  const records = creates.map((p) => {
    const id = randomUUID();
    ids.set(p.index, id);
    const record: Record<string, unknown> = { id, createdById };
    for (const field of fields) record[field] = p.change[field] ?? defaults[field] ?? null;
    return record;
  });
  const withCreator = input.kind === "customer" || input.kind === "target";
  const names = sql.join(
    [
      sql.raw(`"id", "tenant_id"${withCreator ? ', "created_by_id"' : ""}`),
      ...columns.map((c) => sql.raw(`"${c.column}"`)),
      ...(input.kind === "target" ? [sql.raw(`"source"`)] : []),
    ],
    sql`, `,
  );
  const picks = sql.join(
    [
      sql`v."id", ${tenantId}::uuid`,
      ...(withCreator ? [sql.raw(`v."createdById"`)] : []),
      ...fields.map((field) => sql.raw(`v."${field}"`)),
      ...(input.kind === "target" ? [sql`'import'`] : []),
    ],
    sql`, `,
  );
  const definition = sql.join(
    [
      sql.raw(`"id" uuid, "createdById" uuid`),
      ...fields.map((field, i) => sql.raw(`"${field}" ${columns[i]!.type}`)),
    ],
    sql`, `,
  );
  const inserted = rowsOf<{ id: string }>(
    await tx.execute(sql`
      insert into ${sql.identifier(config.table)} (${names})
      select ${picks} from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as v(${definition})
      on conflict do nothing
      returning id`),
  );
  // Only a customer's number can clash (a unique key): that row is not inserted.
  const kept = new Set(inserted.map((row) => row.id));
  for (const [index, id] of ids) if (!kept.has(id)) ids.delete(index);
  const objectType = kinds[input.kind].objectType;
  const references = creates
    .filter((p) => ids.has(p.index))
    .map((p) => ({
      tenantId,
      objectType,
      objectId: ids.get(p.index)!,
      sourceSystem: input.sourceSystem,
      externalId: p.externalId,
    }));
  if (references.length) {
    // A reference whose object was deleted points at the new object now.
    await tx.execute(sql`
      insert into external_references (tenant_id, object_type, object_id, source_system, external_id)
      select ${tenantId}::uuid, ${objectType}, v.o, ${input.sourceSystem}, v.e
      from jsonb_to_recordset(${JSON.stringify(references.map((ref) => ({ o: ref.objectId, e: ref.externalId })))}::jsonb)
        as v(o uuid, e text)
      on conflict (tenant_id, source_system, object_type, external_id) do update set object_id = excluded.object_id`);
  }
  return ids;
}

/** One statement per shape of change (a file's rows all share one), from a JSON record set. */
async function updateObjects(
  tx: Transaction,
  tenantId: string,
  config: KindConfig,
  updates: (Pending & { changed: string[] })[],
) {
  const groups = new Map<string, (Pending & { changed: string[] })[]>();
  for (const update of updates) {
    const key = Object.keys(update.change).sort().join(",");
    const group = groups.get(key) ?? [];
    group.push(update);
    groups.set(key, group);
  }
  for (const [key, group] of groups) {
    const fields = key.split(",");
    const columns = fields.map((field) => config.fields[field] ?? parentColumns[field]!);
    const records = group.map((u) => {
      const record: Record<string, unknown> = { id: u.existing!.id };
      for (const field of fields) record[field] = u.change[field];
      return record;
    });
    const definition = sql.join(
      [sql`"id" uuid`, ...fields.map((field, i) => sql.raw(`"${field}" ${columns[i]!.type}`))],
      sql`, `,
    );
    const assignments = sql.join(
      [
        ...fields.map((field, i) => sql.raw(`"${columns[i]!.column}" = v."${field}"`)),
        sql`updated_at = now()`,
      ],
      sql`, `,
    );
    await tx.execute(sql`
      update ${sql.identifier(config.table)} as o set ${assignments}
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as v(${definition})
      where o.tenant_id = ${tenantId} and o.id = v.id`);
  }
}

/** Webhook events, timeline entries and the audit, in the writer's transaction. */
async function recordEffects(
  tx: Transaction,
  writer: UpsertWriter,
  input: UpsertInput,
  config: KindConfig,
  results: UpsertResult[],
  creates: Pending[],
  created: Map<number, string>,
  updates: (Pending & { changed: string[] })[],
) {
  const { tenantId } = writer;
  const events: { eventType: WebhookEventType; objectId: string }[] = [];
  if (input.kind === "customer") {
    for (const id of created.values()) events.push({ eventType: "customer.created", objectId: id });
    for (const u of updates) events.push({ eventType: "customer.updated", objectId: u.existing!.id });
  } else if (input.kind === "target") {
    for (const id of created.values()) events.push({ eventType: "target.created", objectId: id });
  }
  if (events.length) await recordWebhookEvents(tx, { ...writer }, events);

  const actor = auditActor(writer.actor);
  if (input.kind === "target" && created.size) {
    const now = new Date();
    await tx.insert(schema.timelineEntries).values(
      creates
        .filter((p) => created.has(p.index))
        .map((p) => ({
          tenantId,
          customerId: p.change.customerId as string,
          locationId: (p.change.locationId as string | null | undefined) ?? null,
          kind: writer.source === "import" ? ("imported_job" as const) : ("target_created" as const),
          objectType: "target" as const,
          objectId: created.get(p.index)!,
          occurredAt: now,
          actorType: actor.type,
          actorId: actor.id,
        })),
    );
  }

  const counts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  for (const result of results) {
    if (result.status === "failed") counts.failed++;
    else counts[result.outcome ?? "unchanged"]++;
  }
  if (writer.source === "import") {
    if (counts.created + counts.updated === 0) return;
    await tx.insert(schema.auditLog).values({
      tenantId,
      actorType: actor.type,
      actorId: actor.id,
      action: "import_job.rows_written",
      objectType: "import_job",
      objectId: writer.importJobId ?? null,
      metadata: {
        kind: input.kind,
        created: counts.created,
        updated: counts.updated,
        unchanged: counts.unchanged,
        failed: counts.failed,
      },
    });
    return;
  }
  const entries = [
    ...creates
      .filter((p) => created.has(p.index))
      .map((p) => ({ id: created.get(p.index)!, action: "created", changed: Object.keys(p.change) })),
    ...updates.map((u) => ({ id: u.existing!.id, action: "updated", changed: u.changed })),
  ];
  if (entries.length) {
    await tx.insert(schema.auditLog).values(
      entries.map((entry) => ({
        tenantId,
        actorType: actor.type,
        actorId: actor.id,
        action: `${config.objectType}.${entry.action}`,
        objectType: config.objectType,
        objectId: entry.id,
        changedFields: entry.changed,
        metadata: { source: writer.source },
      })),
    );
  }
}
