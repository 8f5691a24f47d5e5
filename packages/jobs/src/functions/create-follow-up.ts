import { type Database, recordAudit, recordTimeline, schema, withTenant } from "@ordinavo/db";
import { and, eq } from "drizzle-orm";
import type { Inngest } from "inngest";
import { visitReportApproved } from "../events";
import { recordEvent } from "../outbox";

export type FollowUpOutcome =
  | { created: true; followUpId: string; targetId: string }
  | { created: false; reason: "not_found" | "not_approved" | "not_required" | "exists" };

/**
 * Turns the follow-up need of an approved visit report into a follow-up and a target with the
 * report's customer, location, the visit's contact person and the report's due date. The
 * follow-up names both the report and the target, so each leads to the other.
 *
 * Like any write, it records the history (the target's and the follow-up's entries), the audit log
 * and the webhook events (`target.created`, `follow_up.created`) in the same transaction.
 *
 * Idempotent: one follow-up per report (a unique index), whatever runs it twice. A second run, or
 * two at once, meets the first one's row: the insert does nothing and no second target is made,
 * since the target is only created by the run whose follow-up insert went through.
 */
export async function createFollowUpForReport(
  db: Database,
  tenantId: string,
  visitReportId: string,
): Promise<FollowUpOutcome> {
  return withTenant(db, tenantId, async (tx) => {
    const { visitReports, followUps, targets } = schema;
    const [report] = await tx.select().from(visitReports).where(eq(visitReports.id, visitReportId));
    if (!report) return { created: false, reason: "not_found" };
    if (report.status !== "approved") return { created: false, reason: "not_approved" };
    if (!report.followUpRequired) return { created: false, reason: "not_required" };

    // The person to call about the visit is the one its work named.
    const [visited] = await tx
      .select({ contactId: targets.contactId })
      .from(targets)
      .where(and(eq(targets.tenantId, tenantId), eq(targets.id, report.targetId)));

    const [followUp] = await tx
      .insert(followUps)
      .values({
        tenantId,
        visitReportId,
        customerId: report.customerId,
        locationId: report.locationId,
        details: report.followUpDetails ?? report.title,
        dueDate: report.followUpDueDate,
      })
      .onConflictDoNothing()
      .returning();
    if (!followUp) return { created: false, reason: "exists" };

    const [target] = await tx
      .insert(targets)
      .values({
        tenantId,
        customerId: report.customerId,
        locationId: report.locationId,
        contactId: visited?.contactId ?? null,
        title: `Follow-up: ${report.title}`.slice(0, 200),
        description: report.followUpDetails,
        dueDate: report.followUpDueDate,
        source: "follow_up",
      })
      .returning();
    await tx
      .update(followUps)
      .set({ targetId: target!.id, status: "open" })
      .where(and(eq(followUps.tenantId, tenantId), eq(followUps.id, followUp.id)));
    // What a write records, recorded here too: the history's entries (the target's own, as the
    // office's createTarget writes it, and the follow-up's, which the portal shows), the audit
    // log, and the webhook events, all in this transaction.
    const now = new Date();
    await recordTimeline(tx, {
      tenantId,
      customerId: report.customerId,
      locationId: report.locationId,
      kind: "target_created",
      objectType: "target",
      objectId: target!.id,
      occurredAt: now,
    });
    await recordTimeline(tx, {
      tenantId,
      customerId: report.customerId,
      locationId: report.locationId,
      kind: "follow_up_created",
      objectType: "follow_up",
      objectId: followUp.id,
      occurredAt: now,
      portalVisible: true,
    });
    await recordAudit(tx, {
      tenantId,
      actor: { type: "system" },
      action: "target.created",
      objectType: "target",
      objectId: target!.id,
      metadata: { customerId: report.customerId, source: "follow_up", visitReportId },
    });
    await recordAudit(tx, {
      tenantId,
      actor: { type: "system" },
      action: "follow_up.created",
      objectType: "follow_up",
      objectId: followUp.id,
      metadata: { visitReportId, targetId: target!.id },
    });
    await recordEvent(tx, "ordinavo/webhook.event_recorded", {
      tenantId,
      eventType: "target.created",
      objectId: target!.id,
      source: "job",
    });
    await recordEvent(tx, "ordinavo/webhook.event_recorded", {
      tenantId,
      eventType: "follow_up.created",
      objectId: followUp.id,
      source: "job",
    });
    return { created: true, followUpId: followUp.id, targetId: target!.id };
  });
}

export function createFollowUpFunction(inngest: Inngest.Any, db: Database) {
  return inngest.createFunction(
    {
      id: "create-follow-up",
      name: "Create follow-up from an approved visit report",
      triggers: [visitReportApproved],
    },
    async ({ event, step }) => {
      // Payloads are re-parsed: an event from an outside Inngest server is input like any other.
      const { tenantId, visitReportId } = visitReportApproved.schema.parse(event.data);
      return step.run("create-follow-up", () => createFollowUpForReport(db, tenantId, visitReportId));
    },
  );
}
