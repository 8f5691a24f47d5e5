import type { ActorType, ObjectType, TimelineKind } from "@ordinavo/domain/vocabulary";
import type { Transaction } from "./client";
import { auditLog, timelineEntries } from "./schema";

export interface AuditEntry {
  tenantId: string;
  actor: { type: ActorType; id?: string | null };
  action: string;
  objectType: ObjectType;
  objectId?: string | null;
  /** Names of the fields that changed — never their values. */
  changedFields?: string[];
  /** Structured facts (ids, counts, statuses); free text does not belong here. */
  metadata?: Record<string, string | number | boolean | null>;
}

/** Writes an audit entry in the caller's transaction, so it exists exactly when the change does. */
export async function recordAudit(tx: Transaction, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    tenantId: entry.tenantId,
    actorType: entry.actor.type,
    actorId: entry.actor.id ?? null,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId ?? null,
    changedFields: entry.changedFields ?? [],
    metadata: entry.metadata ?? {},
  });
}

export interface TimelineEntry {
  tenantId: string;
  customerId: string;
  locationId?: string | null;
  kind: TimelineKind;
  objectType: ObjectType;
  objectId: string;
  occurredAt: Date;
  /** Who did it; the same shape as an audit entry's actor. Left out: unknown (older entries). */
  actor?: { type: ActorType; id?: string | null };
  portalVisible?: boolean;
}

/** Adds a reference to an existing record to the customer's timeline. */
export async function recordTimeline(tx: Transaction, entry: TimelineEntry): Promise<void> {
  const { actor, ...rest } = entry;
  await tx.insert(timelineEntries).values({
    ...rest,
    actorType: actor?.type ?? null,
    actorId: actor?.id ?? null,
    portalVisible: entry.portalVisible ?? false,
  });
}
