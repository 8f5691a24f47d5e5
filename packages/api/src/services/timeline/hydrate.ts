import { schema, type Transaction } from "@ordinavo/db";
import type { ObjectType } from "@ordinavo/domain/vocabulary";
import { canSeeCustomer, project } from "@ordinavo/policy";
import { and, eq, inArray } from "drizzle-orm";
import type { StaffContext } from "../context";
import { assigneesWhere } from "../records";
import { seesAll } from "../scope";
import {
  appointmentPreviews,
  locationPreviews,
  recurringPlanPreviews,
  routePreviews,
  targetPreviews,
} from "./objects-planning";
import {
  billingTriggerPreviews,
  followUpPreviews,
  internalNotePreviews,
  portalRequestPreviews,
  visitReportPreviews,
} from "./objects-records";
import { emptyPreview, field, hrefOf, type Preview, type PreviewLoader, type Previews } from "./preview";

// Reads the records behind a page of entries: one query per kind of record, whatever the page
// holds, so a page costs the same at the start of a customer's history as ten years in.

const customerPreviews: PreviewLoader = async (tx, ctx, ids) => {
  const c = schema.customers;
  const rows = await tx
    .select()
    .from(c)
    .where(and(eq(c.tenantId, ctx.tenantId), inArray(c.id, ids)));
  const out: Previews = new Map();
  for (const row of rows) {
    // Assigned-work facts only for viewers whose scope is their own work (tenant-wide roles need none).
    const assignedEmployeeIds = seesAll(ctx, "customer")
      ? []
      : await assigneesWhere(tx, ctx.tenantId, eq(schema.appointments.customerId, row.id));
    const facts = { tenantId: row.tenantId, customerId: row.id, assignedEmployeeIds };
    const seen = canSeeCustomer(ctx.actor, facts, ctx.gates)
      ? project(ctx.actor, "customer", row, ctx.gates)
      : null;
    out.set(
      row.id,
      seen ? { ...emptyPreview, title: field(seen.name), href: hrefOf.customer!(row.id) } : "hidden",
    );
  }
  return out;
};

const loaders: Partial<Record<ObjectType, PreviewLoader>> = {
  customer: customerPreviews,
  location: locationPreviews,
  target: targetPreviews,
  appointment: appointmentPreviews,
  recurring_plan: recurringPlanPreviews,
  route: routePreviews,
  visit_report: visitReportPreviews,
  follow_up: followUpPreviews,
  internal_note: internalNotePreviews,
  portal_request: portalRequestPreviews,
  billing_trigger: billingTriggerPreviews,
};

/**
 * Previews keyed by `type:id`: the preview, "hidden" (the viewer may not see the record), "gone"
 * (it no longer exists) or "undescribed" (a kind of record the History names by kind and time only).
 */
export type PreviewIndex = Map<string, Preview | "hidden" | "gone" | "undescribed">;

export const previewKey = (type: ObjectType, id: string) => `${type}:${id}`;

/** Loads the previews of these references (one query per object type present). */
export async function loadPreviews(
  tx: Transaction,
  ctx: StaffContext,
  refs: readonly { objectType: ObjectType; objectId: string }[],
  into: PreviewIndex = new Map(),
): Promise<PreviewIndex> {
  const byType = new Map<ObjectType, Set<string>>();
  for (const ref of refs) {
    if (into.has(previewKey(ref.objectType, ref.objectId))) continue;
    const ids = byType.get(ref.objectType) ?? new Set<string>();
    ids.add(ref.objectId);
    byType.set(ref.objectType, ids);
  }
  for (const [type, ids] of byType) {
    const loader = loaders[type];
    if (!loader) {
      for (const id of ids) into.set(previewKey(type, id), "undescribed");
      continue;
    }
    const found = await loader(tx, ctx, [...ids]);
    // A record that is not found is gone: the entry keeps its kind, time and who.
    for (const id of ids) into.set(previewKey(type, id), found.get(id) ?? "gone");
  }
  return into;
}
