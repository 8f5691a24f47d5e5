import { schema, type Transaction } from "@ordinavo/db";
import { canSeeAppointment, canSeeTarget } from "@ordinavo/policy";
import { and, eq } from "drizzle-orm";
import { AppError } from "../../errors";
import type { StaffContext } from "../context";
import { assigneesWhere } from "../records";
import { seesAll } from "../scope";

// Loading one target or appointment for an actor: the row when the policy lets the actor see it,
// NOT_FOUND otherwise (another tenant's and unassigned work look exactly like missing rows).

/** The target row if the actor may see it (assigned work: one of its appointments). */
export async function visibleTarget(tx: Transaction, ctx: StaffContext, targetId: string) {
  const t = schema.targets;
  const [row] = await tx
    .select()
    .from(t)
    .where(and(eq(t.tenantId, ctx.tenantId), eq(t.id, targetId)));
  if (!row) throw AppError.notFound("This target");
  const assignedEmployeeIds = seesAll(ctx, "target")
    ? []
    : await assigneesWhere(tx, ctx.tenantId, eq(schema.appointments.targetId, targetId));
  const facts = {
    tenantId: row.tenantId,
    customerId: row.customerId,
    locationId: row.locationId,
    assignedEmployeeIds,
  };
  if (!canSeeTarget(ctx.actor, facts, ctx.gates)) throw AppError.notFound("This target");
  return row;
}

/** The appointment row if the actor may see it; `lock` holds it for a change. */
export async function visibleAppointment(
  tx: Transaction,
  ctx: StaffContext,
  appointmentId: string,
  lock = false,
) {
  const a = schema.appointments;
  const query = tx
    .select()
    .from(a)
    .where(and(eq(a.tenantId, ctx.tenantId), eq(a.id, appointmentId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row || !canSeeAppointment(ctx.actor, row, ctx.gates)) throw AppError.notFound("This appointment");
  return row;
}
