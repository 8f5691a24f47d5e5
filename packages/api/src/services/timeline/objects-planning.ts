import { schema } from "@ordinavo/db";
import { statusLabel } from "@ordinavo/domain";
import {
  canSeeAppointment,
  canSeeLocation,
  canSeeRecurringPlan,
  canSeeRoute,
  canSeeTarget,
  project,
} from "@ordinavo/policy";
import { and, eq, inArray } from "drizzle-orm";
import { emptyPreview, field, hrefOf, type PreviewLoader, type Previews } from "./preview";

// Previews of planning records: locations, targets, visits and recurring plans. The History is for
// roles that see the whole tenant (`timeline.read`), so the assigned-work facts are only what the
// row itself says; anyone narrower would fail the object checks and see nothing.

export const locationPreviews: PreviewLoader = async (tx, ctx, ids) => {
  const l = schema.locations;
  const rows = await tx
    .select()
    .from(l)
    .where(and(eq(l.tenantId, ctx.tenantId), inArray(l.id, ids)));
  const out: Previews = new Map();
  for (const row of rows) {
    const facts = {
      tenantId: row.tenantId,
      customerId: row.customerId,
      locationId: row.id,
      assignedEmployeeIds: [],
    };
    const seen = canSeeLocation(ctx.actor, facts, ctx.gates)
      ? project(ctx.actor, "location", row, ctx.gates)
      : null;
    out.set(
      row.id,
      seen
        ? { ...emptyPreview, title: field(seen.name), href: hrefOf.location!(row.id), people: {} }
        : "hidden",
    );
  }
  return out;
};

export const targetPreviews: PreviewLoader = async (tx, ctx, ids) => {
  const t = schema.targets;
  const rows = await tx
    .select()
    .from(t)
    .where(and(eq(t.tenantId, ctx.tenantId), inArray(t.id, ids)));
  const out: Previews = new Map();
  for (const row of rows) {
    const facts = {
      tenantId: row.tenantId,
      customerId: row.customerId,
      locationId: row.locationId,
      assignedEmployeeIds: [],
    };
    const seen = canSeeTarget(ctx.actor, facts, ctx.gates)
      ? project(ctx.actor, "target", row, ctx.gates)
      : null;
    if (!seen) {
      out.set(row.id, "hidden");
      continue;
    }
    out.set(row.id, {
      ...emptyPreview,
      title: field(seen.title),
      status: seen.status ? statusLabel("target", seen.status) : null,
      due: field(seen.dueDate),
      href: hrefOf.target!(row.id),
      people: { createdBy: field(seen.createdById) },
    });
  }
  return out;
};

export const appointmentPreviews: PreviewLoader = async (tx, ctx, ids) => {
  const { appointments: a, targets: t, recurringOccurrences: o } = schema;
  const rows = await tx
    .select({ appointment: a, target: t, planId: o.planId })
    .from(a)
    .innerJoin(t, and(eq(t.tenantId, a.tenantId), eq(t.id, a.targetId)))
    .leftJoin(o, and(eq(o.tenantId, a.tenantId), eq(o.id, a.recurringOccurrenceId)))
    .where(and(eq(a.tenantId, ctx.tenantId), inArray(a.id, ids)));
  const out: Previews = new Map();
  for (const { appointment, target, planId } of rows) {
    const seen = canSeeAppointment(ctx.actor, appointment, ctx.gates)
      ? project(ctx.actor, "appointment", appointment, ctx.gates)
      : null;
    if (!seen) {
      out.set(appointment.id, "hidden");
      continue;
    }
    // The visit's title is its work's title, as far as the viewer may read that work.
    const work = project(ctx.actor, "target", target, ctx.gates);
    out.set(appointment.id, {
      ...emptyPreview,
      title: field(work?.title),
      status: seen.status ? statusLabel("appointment", seen.status) : null,
      start: field(seen.plannedStart),
      end: field(seen.plannedEnd),
      href: hrefOf.appointment!(appointment.id),
      people: { createdBy: field(seen.createdById), assignee: field(seen.assignedEmployeeId) },
      planId: seen.recurringOccurrenceId ? planId : null,
    });
  }
  return out;
};

export const recurringPlanPreviews: PreviewLoader = async (tx, ctx, ids) => {
  const p = schema.recurringPlans;
  const rows = await tx
    .select()
    .from(p)
    .where(and(eq(p.tenantId, ctx.tenantId), inArray(p.id, ids)));
  const out: Previews = new Map();
  for (const row of rows) {
    const seen = canSeeRecurringPlan(ctx.actor, row, ctx.gates)
      ? project(ctx.actor, "recurring_plan", row, ctx.gates)
      : null;
    out.set(
      row.id,
      seen
        ? {
            ...emptyPreview,
            title: field(seen.title),
            status: seen.archivedAt ? "Archived" : seen.active === false ? "Paused" : null,
            href: hrefOf.recurring_plan!(row.id),
            people: { createdBy: field(seen.createdById) },
          }
        : "hidden",
    );
  }
  return out;
};

/** "Fri 4 Dec 2026": a calendar day has no time zone, so it is written as it is. */
const dayName = (day: string) =>
  new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${day}T12:00:00Z`));

/** A route stop visited: the employee's route of that day (a dispatcher's planning view). */
export const routePreviews: PreviewLoader = async (tx, ctx, ids) => {
  const r = schema.routes;
  const rows = await tx
    .select()
    .from(r)
    .where(and(eq(r.tenantId, ctx.tenantId), inArray(r.id, ids)));
  const out: Previews = new Map();
  for (const row of rows) {
    const seen = canSeeRoute(ctx.actor, row, ctx.gates) ? project(ctx.actor, "route", row, ctx.gates) : null;
    out.set(
      row.id,
      seen
        ? {
            ...emptyPreview,
            title: seen.day ? `Route of ${dayName(seen.day)}` : null,
            due: null,
            href: seen.day && seen.employeeId ? `/routes?day=${seen.day}&employee=${seen.employeeId}` : null,
            people: { assignee: field(seen.employeeId) },
          }
        : "hidden",
    );
  }
  return out;
};
