import { schema, type Transaction } from "@ordinavo/db";
import {
  canSeeAppointment,
  canSeeCustomer,
  canSeeLocation,
  canSeeTarget,
  canSeeVisitReport,
  project,
} from "@ordinavo/policy";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../../errors";
import { reportFacts } from "../reports/load";
import { scopeWhere } from "../scope";
import { type IntegrationContext, inTenant, syncPage, ZCustomerFilter, ZSyncPageInput } from "./sync";
import {
  ZConnectAppointment,
  ZConnectCustomer,
  ZConnectFollowUp,
  ZConnectLocation,
  ZConnectTarget,
  ZConnectVisitReport,
} from "./views";

// Connect's reads: each kind as the Integration column allows it. Lists run by last change
// (sync.ts), keep to the key's scope (the policy's list scope as SQL, then the object check per
// row) and cut every row to the policy's integration field list. An id of another tenant, or of
// something the key may not see, is NOT_FOUND exactly like a missing one.

const { customers: c, locations: l, targets: t, appointments: a, followUps: f, visitReports: r } = schema;

/** The customer a list is narrowed to must be one the key sees; otherwise NOT_FOUND. */
async function requireCustomer(tx: Transaction, ctx: IntegrationContext, customerId: string | undefined) {
  if (customerId === undefined) return;
  const [row] = await tx
    .select({ id: c.id })
    .from(c)
    .where(and(eq(c.tenantId, ctx.tenantId), eq(c.id, customerId)));
  // The list's own kind is what the key reads; the customer only narrows it (its id is a field of
  // every row listed), so a customer of the key's tenant is enough — another tenant's is missing.
  if (!row) throw AppError.notFound("This customer");
}

// ---- Customers ----------------------------------------------------------------------------------

export const ZCustomerChangesInput = ZSyncPageInput.extend({
  includeArchived: z.boolean().default(false),
});

/** Customers by last change, for incremental sync (`customers.changes`). */
export function listCustomerChanges(ctx: IntegrationContext, input: z.output<typeof ZCustomerChangesInput>) {
  return inTenant(ctx, async (tx) => {
    const page = await syncPage<typeof c.$inferSelect>(
      tx,
      ctx,
      c,
      input,
      and(
        input.includeArchived ? undefined : isNull(c.archivedAt),
        scopeWhere(ctx, "customer", { customerId: c.id }),
      ),
    );
    return {
      items: page.rows
        .filter((row) =>
          canSeeCustomer(
            ctx.actor,
            { tenantId: row.tenantId, customerId: row.id, assignedEmployeeIds: [] },
            ctx.gates,
          ),
        )
        .map((row) => ZConnectCustomer.parse(project(ctx.actor, "customer", row, ctx.gates))),
      nextCursor: page.nextCursor,
    };
  });
}

// ---- Locations ----------------------------------------------------------------------------------

export const ZListLocationsInput = ZSyncPageInput.extend({
  customerId: ZCustomerFilter,
  includeArchived: z.boolean().default(false),
});

const locationFacts = (row: typeof l.$inferSelect) => ({
  tenantId: row.tenantId,
  customerId: row.customerId,
  locationId: row.id,
  assignedEmployeeIds: [],
});

export function listLocations(ctx: IntegrationContext, input: z.output<typeof ZListLocationsInput>) {
  return inTenant(ctx, async (tx) => {
    await requireCustomer(tx, ctx, input.customerId);
    const page = await syncPage<typeof l.$inferSelect>(
      tx,
      ctx,
      l,
      input,
      and(
        input.customerId ? eq(l.customerId, input.customerId) : undefined,
        input.includeArchived ? undefined : isNull(l.archivedAt),
        scopeWhere(ctx, "location", { locationId: l.id }),
      ),
    );
    return {
      items: page.rows
        .filter((row) => canSeeLocation(ctx.actor, locationFacts(row), ctx.gates))
        .map((row) => ZConnectLocation.parse(project(ctx.actor, "location", row, ctx.gates))),
      nextCursor: page.nextCursor,
    };
  });
}

/** One location by id. */
export function getLocation(ctx: IntegrationContext, input: { locationId: string }) {
  return inTenant(ctx, async (tx) => {
    const [row] = await tx
      .select()
      .from(l)
      .where(and(eq(l.tenantId, ctx.tenantId), eq(l.id, input.locationId)));
    if (!row || !canSeeLocation(ctx.actor, locationFacts(row), ctx.gates))
      throw AppError.notFound("This location");
    return ZConnectLocation.parse(project(ctx.actor, "location", row, ctx.gates));
  });
}

// ---- Targets ------------------------------------------------------------------------------------

export const ZListTargetsInput = ZSyncPageInput.extend({ customerId: ZCustomerFilter });

const targetFacts = (row: typeof t.$inferSelect) => ({
  tenantId: row.tenantId,
  customerId: row.customerId,
  locationId: row.locationId,
  assignedEmployeeIds: [],
});

export function listTargets(ctx: IntegrationContext, input: z.output<typeof ZListTargetsInput>) {
  return inTenant(ctx, async (tx) => {
    await requireCustomer(tx, ctx, input.customerId);
    const page = await syncPage<typeof t.$inferSelect>(
      tx,
      ctx,
      t,
      input,
      and(
        input.customerId ? eq(t.customerId, input.customerId) : undefined,
        scopeWhere(ctx, "target", { targetId: t.id }),
      ),
    );
    return {
      items: page.rows
        .filter((row) => canSeeTarget(ctx.actor, targetFacts(row), ctx.gates))
        .map((row) => ZConnectTarget.parse(project(ctx.actor, "target", row, ctx.gates))),
      nextCursor: page.nextCursor,
    };
  });
}

export function getTarget(ctx: IntegrationContext, input: { targetId: string }) {
  return inTenant(ctx, async (tx) => {
    const [row] = await tx
      .select()
      .from(t)
      .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, input.targetId)));
    if (!row || !canSeeTarget(ctx.actor, targetFacts(row), ctx.gates)) throw AppError.notFound("This target");
    return ZConnectTarget.parse(project(ctx.actor, "target", row, ctx.gates));
  });
}

// ---- Appointments -------------------------------------------------------------------------------

export const ZListAppointmentsInput = ZSyncPageInput.extend({ customerId: ZCustomerFilter });

const appointmentFacts = (row: typeof a.$inferSelect) => ({
  tenantId: row.tenantId,
  customerId: row.customerId,
  locationId: row.locationId,
  assignedEmployeeId: row.assignedEmployeeId,
});

export function listAppointments(ctx: IntegrationContext, input: z.output<typeof ZListAppointmentsInput>) {
  return inTenant(ctx, async (tx) => {
    await requireCustomer(tx, ctx, input.customerId);
    const page = await syncPage<typeof a.$inferSelect>(
      tx,
      ctx,
      a,
      input,
      and(
        input.customerId ? eq(a.customerId, input.customerId) : undefined,
        scopeWhere(ctx, "appointment", { employeeId: a.assignedEmployeeId }),
      ),
    );
    return {
      items: page.rows
        .filter((row) => canSeeAppointment(ctx.actor, appointmentFacts(row), ctx.gates))
        .map((row) => ZConnectAppointment.parse(project(ctx.actor, "appointment", row, ctx.gates))),
      nextCursor: page.nextCursor,
    };
  });
}

export function getAppointment(ctx: IntegrationContext, input: { appointmentId: string }) {
  return inTenant(ctx, async (tx) => {
    const [row] = await tx
      .select()
      .from(a)
      .where(and(eq(a.tenantId, ctx.tenantId), eq(a.id, input.appointmentId)));
    if (!row || !canSeeAppointment(ctx.actor, appointmentFacts(row), ctx.gates))
      throw AppError.notFound("This appointment");
    return ZConnectAppointment.parse(project(ctx.actor, "appointment", row, ctx.gates));
  });
}

// ---- Follow-ups ---------------------------------------------------------------------------------

export const ZListFollowUpsInput = ZSyncPageInput.extend({ customerId: ZCustomerFilter });

/**
 * Follow-ups become work: a key that reads targets reads them, as the target's object check says
 * (the follow-up's place is its target's). Only the fields of ZConnectFollowUp leave.
 */
export function listFollowUps(ctx: IntegrationContext, input: z.output<typeof ZListFollowUpsInput>) {
  return inTenant(ctx, async (tx) => {
    await requireCustomer(tx, ctx, input.customerId);
    const page = await syncPage<typeof f.$inferSelect>(
      tx,
      ctx,
      f,
      input,
      and(
        input.customerId ? eq(f.customerId, input.customerId) : undefined,
        scopeWhere(ctx, "target", { customerId: f.customerId }),
      ),
    );
    return {
      items: page.rows
        .filter((row) =>
          canSeeTarget(
            ctx.actor,
            {
              tenantId: row.tenantId,
              customerId: row.customerId,
              locationId: row.locationId,
              assignedEmployeeIds: [],
            },
            ctx.gates,
          ),
        )
        .map((row) => ZConnectFollowUp.parse(row)),
      nextCursor: page.nextCursor,
    };
  });
}

// ---- Visit reports ------------------------------------------------------------------------------

/**
 * One visit report, "event-based": only one the policy lets integrations see — in a status a
 * webhook event announced (submitted, approved). Drafts, returned reports, another tenant's and
 * missing ones all answer NOT_FOUND. A webhook receiver fetches the report its event names.
 */
export function getVisitReport(ctx: IntegrationContext, input: { visitReportId: string }) {
  return inTenant(ctx, async (tx) => {
    const [found] = await tx
      .select({ row: r, assignedEmployeeId: a.assignedEmployeeId })
      .from(r)
      .leftJoin(a, and(eq(a.tenantId, r.tenantId), eq(a.id, r.appointmentId)))
      .where(and(eq(r.tenantId, ctx.tenantId), eq(r.id, input.visitReportId)));
    if (!found || !canSeeVisitReport(ctx.actor, reportFacts(found.row, found.assignedEmployeeId), ctx.gates))
      throw AppError.notFound("This visit report");
    return ZConnectVisitReport.parse(project(ctx.actor, "visit_report", found.row, ctx.gates));
  });
}
