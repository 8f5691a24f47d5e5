import * as v from "@ordinavo/domain/vocabulary";
import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, text } from "drizzle-orm/pg-core";

/**
 * Vocabulary columns are text with a CHECK constraint, not PostgreSQL enums: under row-level
 * security only leakproof operators can be index conditions, and enum comparison is not leakproof
 * while text comparison is. With enums, every `status = …` filter would scan the tenant's rows.
 */
function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const column = () => text({ enum: values as unknown as [T[number], ...T[number][]] });
  return Object.assign(column, { values });
}

/** The CHECK constraint that keeps a vocabulary column inside its word list. */
export function allowedValues(name: string, column: AnyPgColumn, vocabulary: { values: readonly string[] }) {
  const list = sql.join(
    vocabulary.values.map((value) => sql.raw(`'${value.replaceAll("'", "''")}'`)),
    sql.raw(", "),
  );
  return check(name, sql`${column} in (${list})`);
}

export const staffRole = oneOf(v.staffRoles);
export const customerStatus = oneOf(v.customerStatuses);
export const customerType = oneOf(v.customerTypes);
export const priority = oneOf(v.priorities);
export const contactMethod = oneOf(v.contactMethods);
export const targetStatus = oneOf(v.targetStatuses);
export const targetSource = oneOf(v.targetSources);
export const appointmentStatus = oneOf(v.appointmentStatuses);
export const mobileUpdateKind = oneOf(v.mobileUpdateKinds);
export const visitReportStatus = oneOf(v.visitReportStatuses);
export const visitResult = oneOf(v.visitResults);
export const attachmentOwnerType = oneOf(v.attachmentOwnerTypes);
export const followUpStatus = oneOf(v.followUpStatuses);
export const billingTriggerStatus = oneOf(v.billingTriggerStatuses);
export const portalRequestType = oneOf(v.portalRequestTypes);
export const portalRequestStatus = oneOf(v.portalRequestStatuses);
export const loginRealm = oneOf(v.loginRealms);
export const loginOutcome = oneOf(v.loginOutcomes);
export const securityEventKind = oneOf(v.securityEventKinds);
export const importJobStatus = oneOf(v.importJobStatuses);
export const importRowStatus = oneOf(v.importRowStatuses);
export const webhookDeliveryStatus = oneOf(v.webhookDeliveryStatuses);
export const outboxStatus = oneOf(v.outboxStatuses);
export const objectType = oneOf(v.objectTypes);
export const actorType = oneOf(v.actorTypes);
export const timelineKind = oneOf(v.timelineKinds);
export const retentionSubject = oneOf(v.retentionSubjects);
