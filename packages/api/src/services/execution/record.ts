import { recordAudit, schema, type Transaction, withTenant } from "@ordinavo/db";
import { appointmentIs, appointmentMachine, statusLabel } from "@ordinavo/domain";
import { canRecordMobileUpdate } from "@ordinavo/policy";
import { and, desc, eq } from "drizzle-orm";
import { AppError } from "../../errors";
import { visibleAppointment } from "../appointments/visible";
import type { StaffContext } from "../context";
import { staffAuditActor } from "../records";
import type { RecordUpdateInput, RecordUpdateResult } from "./views";
import { capturesPosition, updateView } from "./visit";
import { applyVisitStatus, problemReported } from "./visit-effects";

// An update from the phone: a status change, a comment or a problem report. The phone names each
// update with an id it made (`clientId`) and may send it again (a retry after a lost answer, a
// queue replayed after a dead spot): the first arrival is applied, every later one returns what
// the first stored and writes nothing. The appointment row is locked first, so two arrivals of
// the same update wait for each other; the unique index settles anything that still races.

type Appointment = typeof schema.appointments.$inferSelect;
type UpdateRow = typeof schema.mobileUpdates.$inferSelect;

/** How far ahead of the server's clock a phone's time may be before it is not believed. */
const CLOCK_SLACK_MS = 60_000;

/** The phone's time, unless it is in the future (beyond a minute) or before the visit existed. */
export function clampRecordedAt(recordedAt: Date, createdAt: Date, now = new Date()): Date {
  if (recordedAt.getTime() > now.getTime() + CLOCK_SLACK_MS) return now;
  if (recordedAt.getTime() < createdAt.getTime()) return createdAt;
  return recordedAt;
}

async function byClientId(tx: Transaction, ctx: StaffContext, clientId: string) {
  const m = schema.mobileUpdates;
  const [row] = await tx
    .select()
    .from(m)
    .where(and(eq(m.tenantId, ctx.tenantId), eq(m.clientId, clientId)));
  return row ?? null;
}

function result(
  ctx: StaffContext,
  appointment: Appointment,
  update: UpdateRow | null,
  replayed: boolean,
): RecordUpdateResult {
  return {
    update: update ? updateView(ctx, update, appointment.assignedEmployeeId, null) : null,
    replayed,
    appointment: {
      id: appointment.id,
      status: appointment.status,
      startedAt: appointment.startedAt,
      completedAt: appointment.completedAt,
    },
  };
}

/** The first arrival of this client id, as the answer to a later one. */
function replay(ctx: StaffContext, appointment: Appointment, first: UpdateRow, input: RecordUpdateInput) {
  // The same id for another visit or person is not a replay: the phone made a mistake.
  if (first.appointmentId !== input.appointmentId || first.employeeId !== ctx.actor.userId) {
    throw AppError.field("clientId", "This update was already used for something else. Reload the page.");
  }
  return result(ctx, appointment, first, true);
}

/** Checks the input against the visit as it stands; returns the text to store. */
function validated(before: Appointment, input: RecordUpdateInput): { body: string | null } {
  const body = input.body?.trim() || null;
  if (input.kind === "comment" && !body) throw AppError.field("body", "Write a comment first");
  if (input.kind === "problem_report" && !body) throw AppError.field("body", "Describe the problem");
  if (input.kind !== "status_change") return { body };

  const status = input.status;
  if (!status) throw AppError.field("status", "Choose a status");
  if (!appointmentIs("setOnSite", status)) {
    throw AppError.field("status", `“${statusLabel("appointment", status)}” is set from the office`);
  }
  if (status !== before.status && !appointmentMachine.canTransition(before.status, status)) {
    throw AppError.field(
      "status",
      `This visit is ${statusLabel("appointment", before.status).toLowerCase()}: it cannot be marked “${statusLabel("appointment", status).toLowerCase()}” now.`,
    );
  }
  if (appointmentIs("needsReason", status) && !body) {
    throw AppError.field("body", "Say why the visit could not be completed");
  }
  return { body };
}

/** The latest stored status change to `status`, for a change that was already applied. */
async function lastChangeTo(tx: Transaction, ctx: StaffContext, appointment: Appointment) {
  const m = schema.mobileUpdates;
  const [row] = await tx
    .select()
    .from(m)
    .where(
      and(
        eq(m.tenantId, ctx.tenantId),
        eq(m.appointmentId, appointment.id),
        eq(m.kind, "status_change"),
        eq(m.status, appointment.status),
      ),
    )
    .orderBy(desc(m.recordedAt))
    .limit(1);
  return row ?? null;
}

export function recordUpdate(ctx: StaffContext, input: RecordUpdateInput): Promise<RecordUpdateResult> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const before = await visibleAppointment(tx, ctx, input.appointmentId, true);
    if (!canRecordMobileUpdate(ctx.actor, before, ctx.gates)) {
      throw new AppError("FORBIDDEN", "Only the assigned employee records updates for this visit.");
    }
    const first = await byClientId(tx, ctx, input.clientId);
    if (first) return replay(ctx, before, first, input);

    const { body } = validated(before, input);
    // A status the visit already has (sent twice under two ids, say from two tabs) changes nothing.
    if (input.kind === "status_change" && input.status === before.status) {
      return result(ctx, before, await lastChangeTo(tx, ctx, before), true);
    }

    const recordedAt = clampRecordedAt(input.recordedAt, before.createdAt);
    const isStatus = input.kind === "status_change";
    const position = isStatus && input.position && (await capturesPosition(tx, ctx)) ? input.position : null;
    const m = schema.mobileUpdates;
    const [row] = await tx
      .insert(m)
      .values({
        tenantId: ctx.tenantId,
        appointmentId: before.id,
        employeeId: ctx.actor.userId,
        kind: input.kind,
        status: isStatus ? input.status! : null,
        body,
        clientId: input.clientId,
        latitude: position?.latitude ?? null,
        longitude: position?.longitude ?? null,
        accuracyMeters: position?.accuracyMeters ?? null,
        recordedAt,
      })
      .onConflictDoNothing({ target: [m.tenantId, m.clientId] })
      .returning();
    if (!row) {
      // Another arrival of the same id won the race (on another visit: the lock did not hold it).
      const winner = await byClientId(tx, ctx, input.clientId);
      if (!winner) throw new Error("A conflicting mobile update vanished");
      return replay(ctx, before, winner, input);
    }

    let after = before;
    if (isStatus) after = await applyVisitStatus(tx, ctx, before, input.status!, recordedAt);
    if (input.kind === "problem_report") await problemReported(tx, ctx, before, recordedAt);
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actor: staffAuditActor(ctx.actor),
      action: "mobile_update.recorded",
      objectType: "appointment",
      objectId: before.id,
      changedFields: [
        "kind",
        ...(isStatus ? ["status"] : []),
        ...(body ? ["body"] : []),
        ...(position ? ["position"] : []),
      ],
      metadata: { mobileUpdateId: row.id, kind: input.kind },
    });
    return result(ctx, after, row, false);
  });
}
