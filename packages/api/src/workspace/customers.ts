import { recordAudit, schema, type Transaction, withTenant } from "@ordinavo/db";
import {
  contactMethods,
  customerStatuses,
  customerTypes,
  priorities,
  targetStatuses,
  ZCreateCustomerInput,
  ZUpdateCustomerInput,
} from "@ordinavo/domain";
import {
  type Actor,
  assignedWorkExcludedStatuses,
  can,
  canSeeContactPerson,
  canSeeCustomer,
  canSeeExternalReference,
  canSeeInternalNote,
  canSeeLocation,
  fieldsFor,
  project,
  type TenantGates,
  tenantWideRoles,
} from "@ordinavo/policy";
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, notInArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";
import { permitted, workspaceT } from "../realms/workspace";
import {
  assigneesWhere,
  changedFields,
  customerAssignedTo,
  decodeCursor,
  encodeCursor,
  projected,
  type RecordContext,
  staffAuditActor,
  uniqueAsField,
  ZCursorInput,
} from "./records";

// ---- Views --------------------------------------------------------------------------------------

/** A customer as the workspace shows it; the policy decides which fields a role receives. */
export const ZCustomerView = projected({
  id: z.string(),
  number: z.string(),
  name: z.string(),
  status: z.enum(customerStatuses),
  type: z.enum(customerTypes),
  industry: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  archivedAt: z.date().nullable(),
}).required({ id: true, name: true });

export const ZLocationView = projected({
  id: z.string(),
  customerId: z.string(),
  name: z.string(),
  addressLine1: z.string(),
  addressLine2: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string(),
  country: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  accessNotes: z.string().nullable(),
  parkingNotes: z.string().nullable(),
  defaultWorkMinutes: z.number(),
  defaultPriority: z.enum(priorities),
  createdAt: z.date(),
  updatedAt: z.date(),
  archivedAt: z.date().nullable(),
}).required({ id: true, name: true });

export const ZContactView = projected({
  id: z.string(),
  customerId: z.string(),
  locationId: z.string().nullable(),
  name: z.string(),
  role: z.string().nullable(),
  department: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  preferredContactMethod: z.enum(contactMethods),
  createdAt: z.date(),
  updatedAt: z.date(),
  archivedAt: z.date().nullable(),
}).required({ id: true, name: true });

const ZExternalReferenceView = z.object({
  id: z.string(),
  sourceSystem: z.string(),
  externalId: z.string(),
});

const ZNoteView = z.object({
  id: z.string(),
  body: z.string(),
  authorName: z.string().nullable(),
  canEdit: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

// ---- Loading with facts -------------------------------------------------------------------------

type Ctx = RecordContext;

/** The customer row if the actor may see it; otherwise NOT_FOUND, like a missing one. */
export async function visibleCustomer(tx: Transaction, ctx: Ctx, customerId: string) {
  const c = schema.customers;
  const [row] = await tx
    .select()
    .from(c)
    .where(and(eq(c.tenantId, ctx.tenantId), eq(c.id, customerId)));
  if (!row) throw AppError.notFound("This customer");
  const assignedEmployeeIds = tenantWideRoles.includes(ctx.actor.role)
    ? []
    : await assigneesWhere(tx, ctx.tenantId, eq(schema.appointments.customerId, customerId));
  if (!canSeeCustomer(ctx.actor, { tenantId: row.tenantId, customerId, assignedEmployeeIds }, ctx.gates)) {
    throw AppError.notFound("This customer");
  }
  return row;
}

/** A location row if the actor may see it (assigned work at that location for employees). */
export async function visibleLocation(tx: Transaction, ctx: Ctx, locationId: string) {
  const l = schema.locations;
  const [row] = await tx
    .select()
    .from(l)
    .where(and(eq(l.tenantId, ctx.tenantId), eq(l.id, locationId)));
  if (!row) throw AppError.notFound("This location");
  const assignedEmployeeIds = tenantWideRoles.includes(ctx.actor.role)
    ? []
    : await assigneesWhere(tx, ctx.tenantId, eq(schema.appointments.locationId, locationId));
  const facts = { tenantId: row.tenantId, customerId: row.customerId, locationId, assignedEmployeeIds };
  if (!canSeeLocation(ctx.actor, facts, ctx.gates)) throw AppError.notFound("This location");
  return row;
}

const customerView = (actor: Actor, row: object, gates: TenantGates) =>
  ZCustomerView.parse(project(actor, "customer", row, gates));
const locationView = (actor: Actor, row: object, gates: TenantGates) =>
  ZLocationView.parse(project(actor, "location", row, gates));
const contactView = (actor: Actor, row: object, gates: TenantGates) =>
  ZContactView.parse(project(actor, "contact_person", row, gates));

// ---- List ---------------------------------------------------------------------------------------

const sorts = ["name", "number", "recent"] as const;

const ZListInput = z.object({
  q: z.string().trim().max(100, { error: "Search for at most 100 characters" }).optional(),
  status: z.enum(customerStatuses, { error: "Choose a status" }).optional(),
  type: z.enum(customerTypes, { error: "Choose a customer type" }).optional(),
  archived: z.enum(["active", "archived", "all"]).default("active"),
  sort: z.enum(sorts).default("name"),
  after: ZCursorInput,
  limit: z.number().int().min(1).max(100).default(25),
});

/** The largest code point: `prefix + top` is above every text that starts with `prefix`. */
const top = "\u{10FFFF}";

/** Customers whose name, number or a location's city starts with the search text (any case). */
function searchCondition(tenantId: string, q: string): SQL {
  const c = schema.customers;
  const l = schema.locations;
  const from = q.toLowerCase();
  const to = from + top;
  const range = (column: SQL) => sql`${column} >= ${from} and ${column} < ${to}`;
  return sql`${c.id} in (
    select ${c.id} from ${c} where ${c.tenantId} = ${tenantId} and ${range(sql`(${c.searchName} collate "C")`)}
    union select ${c.id} from ${c} where ${c.tenantId} = ${tenantId} and ${range(sql`(${c.searchNumber} collate "C")`)}
    union select ${l.customerId} from ${l} where ${l.tenantId} = ${tenantId} and ${l.archivedAt} is null
      and ${range(sql`(${l.searchCity} collate "C")`)}
  )`;
}

function pageOrder(sort: (typeof sorts)[number], after: (string | number | null)[] | null) {
  const c = schema.customers;
  switch (sort) {
    case "number":
      return {
        orderBy: [asc(c.number), asc(c.id)],
        after: after ? sql`(${c.number}, ${c.id}) > (${after[0]}, ${after[1]}::uuid)` : undefined,
        cursor: (row: { number: string; id: string }) => encodeCursor([row.number, row.id]),
      };
    case "recent":
      return {
        orderBy: [desc(c.updatedAt), desc(c.id)],
        after: after
          ? sql`(${c.updatedAt}, ${c.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
        // The database keeps microseconds; a JavaScript Date only milliseconds, so the cursor
        // carries the database's own text of the timestamp.
        cursor: (row: { updatedAtText: string; id: string }) => encodeCursor([row.updatedAtText, row.id]),
      };
    default:
      return {
        orderBy: [asc(c.name), asc(c.id)],
        after: after ? sql`(${c.name}, ${c.id}) > (${after[0]}, ${after[1]}::uuid)` : undefined,
        cursor: (row: { name: string; id: string }) => encodeCursor([row.name, row.id]),
      };
  }
}

// ---- Router -------------------------------------------------------------------------------------

const ZCustomerId = z.object({ customerId: z.uuid({ error: "Choose a customer" }) });

export const customersRouter = workspaceT.router({
  /**
   * Customers page by page (keyset: pass `nextCursor` back as `after`). Search matches the start
   * of the name, the number or a location's city. Employees see customers of their assigned work.
   */
  list: permitted("customer.read")
    .input(ZListInput)
    .output(
      z.object({
        items: z.array(ZCustomerView.extend({ city: z.string().nullable().optional() })),
        nextCursor: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const c = schema.customers;
        const order = pageOrder(input.sort, input.after ? decodeCursor(input.after, 2) : null);
        const tenantWide = tenantWideRoles.includes(ctx.actor.role);
        const visible = fieldsFor(ctx.actor, "customer", ctx.gates) ?? [];
        const q = input.q?.trim();
        const rows = await tx
          .select({
            row: c,
            updatedAtText: sql<string>`${c.updatedAt}::text`,
            city: tenantWide
              ? // Qualified by hand: inside a select list drizzle writes columns without their table,
                // and "id" would then mean the location's own id.
                sql<string | null>`(select l.city from locations l where l.tenant_id = "customers"."tenant_id"
                  and l.customer_id = "customers"."id" and l.archived_at is null order by l.created_at limit 1)`
              : sql<null>`null`,
          })
          .from(c)
          .where(
            and(
              eq(c.tenantId, ctx.tenantId),
              // Filtering by a field the role does not receive would reveal it, so such filters are ignored.
              input.status && visible.includes("status") ? eq(c.status, input.status) : undefined,
              input.type && visible.includes("type") ? eq(c.type, input.type) : undefined,
              input.archived === "active"
                ? isNull(c.archivedAt)
                : input.archived === "archived"
                  ? isNotNull(c.archivedAt)
                  : undefined,
              q ? searchCondition(ctx.tenantId, q) : undefined,
              tenantWide ? undefined : customerAssignedTo(ctx.tenantId, ctx.actor.userId, sql`${c.id}`),
              order.after,
            ),
          )
          .orderBy(...order.orderBy)
          .limit(input.limit + 1);
        const page = rows.slice(0, input.limit);
        const lastRow = page.at(-1);
        const last = lastRow ? { ...lastRow.row, updatedAtText: lastRow.updatedAtText } : undefined;
        return {
          items: page.map(({ row, city }) => ({
            ...customerView(ctx.actor, row, ctx.gates),
            ...(tenantWide ? { city } : {}),
          })),
          nextCursor: rows.length > input.limit && last ? order.cursor(last as never) : null,
        };
      }),
    ),

  /** One customer with its locations, contacts, open work and recent history, as the role may see. */
  get: permitted("customer.read")
    .input(
      ZCustomerId.extend({
        /** Also archived locations and contacts (they carry `archivedAt`), to restore them. */
        includeArchived: z.boolean().default(false),
      }),
    )
    .output(
      z.object({
        customer: ZCustomerView,
        locations: z.array(ZLocationView),
        contacts: z.array(ZContactView),
        externalReferences: z.array(ZExternalReferenceView).nullable(),
        internalNotes: z.array(ZNoteView).nullable(),
        openTargets: z.array(
          z.object({
            id: z.string(),
            title: z.string(),
            status: z.enum(targetStatuses),
            priority: z.enum(priorities),
            dueDate: z.string().nullable(),
            locationId: z.string().nullable(),
          }),
        ),
        upcomingAppointments: z.array(
          z.object({
            id: z.string(),
            targetTitle: z.string(),
            plannedStart: z.date(),
            plannedEnd: z.date(),
            status: z.string(),
            locationId: z.string().nullable(),
            assigneeName: z.string().nullable(),
          }),
        ),
        timeline: z
          .array(
            z.object({
              id: z.string(),
              kind: z.string(),
              objectType: z.string(),
              objectId: z.string(),
              locationId: z.string().nullable(),
              occurredAt: z.date(),
            }),
          )
          .nullable(),
        can: z.object({
          edit: z.boolean(),
          archive: z.boolean(),
          writeLocations: z.boolean(),
          writeContacts: z.boolean(),
          writeNotes: z.boolean(),
          planWork: z.boolean(),
        }),
      }),
    )
    .query(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const customer = await visibleCustomer(tx, ctx, input.customerId);
        const { locations: l, contactPersons: p, appointments: a, targets: t } = schema;
        const tenantWide = tenantWideRoles.includes(ctx.actor.role);
        const employeeId = ctx.actor.userId;

        // Employees: only their assigned places, targets and appointments.
        const myAppointments = and(eq(a.assignedEmployeeId, employeeId), notInArray(a.status, ["cancelled"]));
        const locations = await tx
          .select()
          .from(l)
          .where(
            and(
              eq(l.tenantId, ctx.tenantId),
              eq(l.customerId, customer.id),
              input.includeArchived ? undefined : isNull(l.archivedAt),
              tenantWide
                ? undefined
                : sql`exists (select 1 from ${a} where ${a.tenantId} = ${l.tenantId} and ${a.locationId} = ${l.id} and ${myAppointments})`,
            ),
          )
          .orderBy(asc(l.name));

        const contactRows = await tx
          .select()
          .from(p)
          .where(
            and(
              eq(p.tenantId, ctx.tenantId),
              eq(p.customerId, customer.id),
              input.includeArchived ? undefined : isNull(p.archivedAt),
            ),
          )
          .orderBy(asc(p.name));
        // The assigned-work facts the policy asks for (objects.ts): assignees of the customer's
        // appointments, and of those at each location. One query, whoever asks.
        const work = await tx
          .selectDistinct({ locationId: a.locationId, employeeId: a.assignedEmployeeId })
          .from(a)
          .where(
            and(
              eq(a.tenantId, ctx.tenantId),
              eq(a.customerId, customer.id),
              isNotNull(a.assignedEmployeeId),
              notInArray(a.status, [...assignedWorkExcludedStatuses]),
            ),
          );
        const assignedAt = (locationId: string | null) => [
          ...new Set(
            work.filter((w) => locationId === null || w.locationId === locationId).map((w) => w.employeeId!),
          ),
        ];
        const contacts = contactRows.filter((row) =>
          canSeeContactPerson(
            ctx.actor,
            {
              tenantId: row.tenantId,
              customerId: row.customerId,
              locationId: row.locationId,
              assignedEmployeeIds: assignedAt(row.locationId),
            },
            ctx.gates,
          ),
        );

        const canRefs = canSeeExternalReference(
          ctx.actor,
          { tenantId: ctx.tenantId, objectType: "customer" },
          ctx.gates,
        );
        const refs = canRefs
          ? await tx
              .select({
                id: schema.externalReferences.id,
                sourceSystem: schema.externalReferences.sourceSystem,
                externalId: schema.externalReferences.externalId,
              })
              .from(schema.externalReferences)
              .where(
                and(
                  eq(schema.externalReferences.tenantId, ctx.tenantId),
                  eq(schema.externalReferences.objectType, "customer"),
                  eq(schema.externalReferences.objectId, customer.id),
                ),
              )
              .orderBy(asc(schema.externalReferences.sourceSystem))
          : null;

        const noteFacts = {
          tenantId: ctx.tenantId,
          customerId: customer.id,
          authorId: null,
          assignedEmployeeIds: assignedAt(null),
        };
        const notes = canSeeInternalNote(ctx.actor, noteFacts, ctx.gates)
          ? await loadNotes(tx, ctx, customer.id)
          : null;

        const targets = await tx
          .select({
            id: t.id,
            title: t.title,
            status: t.status,
            priority: t.priority,
            dueDate: t.dueDate,
            locationId: t.locationId,
          })
          .from(t)
          .where(
            and(
              eq(t.tenantId, ctx.tenantId),
              eq(t.customerId, customer.id),
              inArray(t.status, ["open", "planned", "in_progress"]),
              tenantWide
                ? undefined
                : sql`exists (select 1 from ${a} where ${a.tenantId} = ${t.tenantId} and ${a.targetId} = ${t.id} and ${myAppointments})`,
            ),
          )
          .orderBy(sql`${t.dueDate} asc nulls last`, desc(t.createdAt))
          .limit(50);

        const u = schema.staffUsers;
        const appointments = await tx
          .select({
            id: a.id,
            targetTitle: t.title,
            plannedStart: a.plannedStart,
            plannedEnd: a.plannedEnd,
            status: a.status,
            locationId: a.locationId,
            assigneeName: u.name,
          })
          .from(a)
          .innerJoin(t, and(eq(t.tenantId, a.tenantId), eq(t.id, a.targetId)))
          .leftJoin(u, eq(u.id, a.assignedEmployeeId))
          .where(
            and(
              eq(a.tenantId, ctx.tenantId),
              eq(a.customerId, customer.id),
              gt(a.plannedEnd, new Date()),
              notInArray(a.status, ["cancelled", "completed", "no_show"]),
              tenantWide ? undefined : eq(a.assignedEmployeeId, employeeId),
            ),
          )
          .orderBy(asc(a.plannedStart))
          .limit(20);

        const te = schema.timelineEntries;
        const timeline = can(ctx.actor, "timeline.read", ctx.gates)
          ? await tx
              .select({
                id: te.id,
                kind: te.kind,
                objectType: te.objectType,
                objectId: te.objectId,
                locationId: te.locationId,
                occurredAt: te.occurredAt,
              })
              .from(te)
              .where(and(eq(te.tenantId, ctx.tenantId), eq(te.customerId, customer.id)))
              .orderBy(desc(te.occurredAt), desc(te.id))
              .limit(20)
          : null;

        return {
          customer: customerView(ctx.actor, customer, ctx.gates),
          locations: locations.map((row) => locationView(ctx.actor, row, ctx.gates)),
          contacts: contacts.map((row) => contactView(ctx.actor, row, ctx.gates)),
          externalReferences: refs,
          internalNotes: notes,
          openTargets: targets,
          upcomingAppointments: appointments,
          timeline,
          can: {
            edit: can(ctx.actor, "customer.write", ctx.gates),
            archive: can(ctx.actor, "customer.archive", ctx.gates),
            writeLocations: can(ctx.actor, "location.write", ctx.gates),
            writeContacts: can(ctx.actor, "contact.write", ctx.gates),
            writeNotes: can(ctx.actor, "internal_note.write", ctx.gates),
            planWork: can(ctx.actor, "target.write", ctx.gates),
          },
        };
      }),
    ),

  create: permitted("customer.write")
    .input(ZCreateCustomerInput)
    .output(ZCustomerView)
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const { externalReferences, ...fields } = input;
        if (externalReferences?.length && !can(ctx.actor, "external_reference.write", ctx.gates)) {
          throw AppError.field("externalReferences", "Your role cannot set external references.");
        }
        const [row] = await uniqueAsField(
          () =>
            tx
              .insert(schema.customers)
              .values({ ...fields, tenantId: ctx.tenantId, createdById: ctx.actor.userId })
              .returning(),
          { customers_number_key: { field: "number", message: "Another customer already has this number" } },
        );
        const customer = row!;
        if (externalReferences?.length) await replaceReferences(tx, ctx, customer.id, externalReferences);
        await recordAudit(tx, {
          tenantId: ctx.tenantId,
          actor: staffAuditActor(ctx.actor),
          action: "customer.created",
          objectType: "customer",
          objectId: customer.id,
          changedFields: Object.keys(input).filter((k) => input[k as keyof typeof input] != null),
        });
        return customerView(ctx.actor, customer, ctx.gates);
      }),
    ),

  update: permitted("customer.write")
    .input(ZUpdateCustomerInput)
    .output(ZCustomerView)
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const { customerId, externalReferences, ...change } = input;
        const before = await visibleCustomer(tx, ctx, customerId);
        if (externalReferences !== undefined && !can(ctx.actor, "external_reference.write", ctx.gates)) {
          throw AppError.field("externalReferences", "Your role cannot change external references.");
        }
        const changed: string[] = changedFields(before, change);
        let after = before;
        if (changed.length) {
          const [row] = await uniqueAsField(
            () =>
              tx
                .update(schema.customers)
                .set(change)
                .where(and(eq(schema.customers.tenantId, ctx.tenantId), eq(schema.customers.id, customerId)))
                .returning(),
            {
              customers_number_key: { field: "number", message: "Another customer already has this number" },
            },
          );
          after = row!;
        }
        if (externalReferences !== undefined) {
          if (await replaceReferences(tx, ctx, customerId, externalReferences)) {
            changed.push("externalReferences");
          }
        }
        if (changed.length) {
          await recordAudit(tx, {
            tenantId: ctx.tenantId,
            actor: staffAuditActor(ctx.actor),
            action: "customer.updated",
            objectType: "customer",
            objectId: customerId,
            changedFields: changed,
          });
        }
        return customerView(ctx.actor, after, ctx.gates);
      }),
    ),

  /** Archived customers leave lists and planning; nothing is deleted, and restore brings them back. */
  setArchived: permitted("customer.archive")
    .input(ZCustomerId.extend({ archived: z.boolean() }))
    .output(ZCustomerView)
    .mutation(({ ctx, input }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const before = await visibleCustomer(tx, ctx, input.customerId);
        if ((before.archivedAt !== null) === input.archived)
          return customerView(ctx.actor, before, ctx.gates);
        const c = schema.customers;
        const [row] = await tx
          .update(c)
          .set({ archivedAt: input.archived ? new Date() : null })
          .where(and(eq(c.tenantId, ctx.tenantId), eq(c.id, input.customerId)))
          .returning();
        await recordAudit(tx, {
          tenantId: ctx.tenantId,
          actor: staffAuditActor(ctx.actor),
          action: input.archived ? "customer.archived" : "customer.restored",
          objectType: "customer",
          objectId: input.customerId,
          changedFields: ["archivedAt"],
        });
        return customerView(ctx.actor, row!, ctx.gates);
      }),
    ),

  /** A suggestion for the next customer number (the highest numeric suffix plus one). */
  suggestNumber: permitted("customer.write")
    .output(z.object({ number: z.string() }))
    .query(({ ctx }) =>
      withTenant(ctx.services.db, ctx.tenantId, async (tx) => {
        const c = schema.customers;
        const [row] = await tx
          .select({ number: c.number })
          .from(c)
          .where(and(eq(c.tenantId, ctx.tenantId), sql`${c.number} ~ '^[A-Za-z-]*[0-9]+$'`))
          .orderBy(desc(sql`length(${c.number})`), desc(c.number))
          .limit(1);
        if (!row) return { number: "C-10001" };
        const match = /^(.*?)(\d+)$/.exec(row.number)!;
        const next = String(Number(match[2]) + 1).padStart(match[2]!.length, "0");
        return { number: `${match[1]}${next}` };
      }),
    ),
});

async function loadNotes(tx: Transaction, ctx: Ctx, customerId: string) {
  const n = schema.internalNotes;
  const u = schema.staffUsers;
  const rows = await tx
    .select({
      id: n.id,
      body: n.body,
      authorId: n.authorId,
      authorName: u.name,
      createdAt: n.createdAt,
      updatedAt: n.updatedAt,
    })
    .from(n)
    .leftJoin(u, eq(u.id, n.authorId))
    .where(and(eq(n.tenantId, ctx.tenantId), eq(n.customerId, customerId), eq(n.objectType, "customer")))
    .orderBy(desc(n.createdAt))
    .limit(100);
  const canWrite = can(ctx.actor, "internal_note.write", ctx.gates);
  return rows.map(({ authorId, ...row }) => ({
    ...row,
    canEdit: canWrite && (ctx.actor.role === "tenant_admin" || authorId === ctx.actor.userId),
  }));
}

/**
 * Makes the customer's references exactly `wanted`. True when anything changed. A reference
 * another customer already uses is a field error on its row.
 */
async function replaceReferences(
  tx: Transaction,
  ctx: Ctx,
  customerId: string,
  wanted: { sourceSystem: string; externalId: string }[],
): Promise<boolean> {
  const r = schema.externalReferences;
  const current = await tx
    .select()
    .from(r)
    .where(and(eq(r.tenantId, ctx.tenantId), eq(r.objectType, "customer"), eq(r.objectId, customerId)));
  const key = (ref: { sourceSystem: string; externalId: string }) =>
    `${ref.sourceSystem}\u0000${ref.externalId}`;
  const wantedKeys = new Set(wanted.map(key));
  const currentKeys = new Set(current.map(key));
  const gone = current.filter((ref) => !wantedKeys.has(key(ref))).map((ref) => ref.id);
  const added = wanted.filter((ref) => !currentKeys.has(key(ref)));
  if (gone.length) await tx.delete(r).where(and(eq(r.tenantId, ctx.tenantId), inArray(r.id, gone)));
  for (const ref of added) {
    const index = wanted.indexOf(ref);
    await uniqueAsField(
      () =>
        tx.insert(r).values({ tenantId: ctx.tenantId, objectType: "customer", objectId: customerId, ...ref }),
      {
        external_references_source_key: {
          field: `externalReferences.${index}.externalId`,
          message: `Another record already has this ${ref.sourceSystem} ID`,
        },
      },
    );
  }
  return gone.length > 0 || added.length > 0;
}
