import { schema, type Transaction, withTenant } from "@ordinavo/db";
import { appointmentStatusSets } from "@ordinavo/domain";
import { canSeeInternalNote, canSeeMobileUpdate, project } from "@ordinavo/policy";
import { and, asc, eq } from "drizzle-orm";
import { visibleAppointment } from "../appointments/visible";
import type { StaffContext } from "../context";
import { customerNotes } from "../notes";
import { assigneesWhere } from "../records";
import { seesAll } from "../scope";
import { loadVisitCards } from "./load";
import { onSiteSteps, type VisitUpdate, type VisitView, ZVisitUpdate } from "./views";

// One visit for the execution page: its context, what was recorded from the phone, and which
// statuses its assignee may record next. Anyone who may see the appointment may look; only the
// assignee gets status buttons (`can`, `nextStatuses`).

/** Whether the tenant takes the phone's position with status updates. */
export async function capturesPosition(tx: Transaction, ctx: StaffContext): Promise<boolean> {
  const s = schema.tenantSettings;
  const [row] = await tx.select({ on: s.capturePosition }).from(s).where(eq(s.tenantId, ctx.tenantId));
  return row?.on ?? false;
}

type UpdateRow = typeof schema.mobileUpdates.$inferSelect;

/** One update as this reader may receive it, or null when the policy hides it. */
export function updateView(
  ctx: StaffContext,
  row: UpdateRow,
  assignedEmployeeId: string | null,
  employeeName: string | null,
): VisitUpdate | null {
  const facts = { tenantId: row.tenantId, employeeId: row.employeeId, assignedEmployeeId };
  if (!canSeeMobileUpdate(ctx.actor, facts, ctx.gates)) return null;
  const seen = project(ctx.actor, "mobile_update", row, ctx.gates);
  if (!seen?.id || !seen.kind || !seen.recordedAt || !seen.receivedAt) return null;
  return ZVisitUpdate.parse({
    id: seen.id,
    clientId: seen.clientId ?? null,
    kind: seen.kind,
    status: seen.status ?? null,
    body: seen.body ?? null,
    mine: row.employeeId === ctx.actor.userId,
    // Names of colleagues are for the office; an employee sees "you" or nothing.
    employeeName: seesAll(ctx, "appointment") ? employeeName : null,
    hasPosition: typeof seen.latitude === "number" && typeof seen.longitude === "number",
    recordedAt: seen.recordedAt,
    receivedAt: seen.receivedAt,
  });
}

async function updatesOf(
  tx: Transaction,
  ctx: StaffContext,
  appointment: { id: string; assignedEmployeeId: string | null },
) {
  const { mobileUpdates: m, staffUsers: u } = schema;
  const rows = await tx
    .select({ update: m, employeeName: u.name })
    .from(m)
    .leftJoin(u, eq(u.id, m.employeeId))
    .where(and(eq(m.tenantId, ctx.tenantId), eq(m.appointmentId, appointment.id)))
    .orderBy(asc(m.recordedAt), asc(m.receivedAt))
    .limit(500);
  return rows.flatMap(({ update, employeeName }) => {
    const view = updateView(ctx, update, appointment.assignedEmployeeId, employeeName ?? null);
    return view ? [view] : [];
  });
}

export function visitView(ctx: StaffContext, input: { appointmentId: string }): Promise<VisitView> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const row = await visibleAppointment(tx, ctx, input.appointmentId);
    const [visit] = await loadVisitCards(tx, ctx, eq(schema.appointments.id, row.id));
    if (!visit) throw new Error("A visible appointment has no visit card");
    const noteFacts = {
      tenantId: ctx.tenantId,
      customerId: row.customerId,
      authorId: null,
      assignedEmployeeIds: seesAll(ctx, "internal_note")
        ? []
        : await assigneesWhere(tx, ctx.tenantId, eq(schema.appointments.customerId, row.customerId)),
    };
    const notes = canSeeInternalNote(ctx.actor, noteFacts, ctx.gates)
      ? (await customerNotes(tx, ctx, row.customerId)).map(({ id, body, createdAt }) => ({
          id,
          body,
          createdAt,
        }))
      : [];
    return {
      visit,
      timeZone: ctx.timeZone,
      updates: await updatesOf(tx, ctx, row),
      nextStatuses: visit.can.changeStatus ? onSiteSteps[row.status] : [],
      onSiteSteps,
      needsReason: [...appointmentStatusSets.needsReason],
      capturePosition: await capturesPosition(tx, ctx),
      notes,
    };
  });
}
