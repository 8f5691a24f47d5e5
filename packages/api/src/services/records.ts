import { PG_UNIQUE_VIOLATION, pgError, schema, type Transaction } from "@ordinavo/db";
import { assignedWorkExcludedStatuses, type StaffActor } from "@ordinavo/policy";
import { and, eq, inArray, isNotNull, notInArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";

// Small pieces the record and planning services share: who did it, which fields changed, and the
// "assigned work" facts the policy asks for.

/** The audit actor of a workspace call. */
export const staffAuditActor = (actor: StaffActor) => ({ type: "staff" as const, id: actor.userId });

/**
 * Names of the fields whose value differs between the stored row and the change. Only keys the
 * change mentions count: a missing key means "leave as it is".
 */
export function changedFields<R extends object>(before: R, change: Partial<R>): (keyof R & string)[] {
  const same = (a: unknown, b: unknown) =>
    a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : (a ?? null) === (b ?? null);
  return (Object.keys(change) as (keyof R & string)[]).filter(
    (key) => change[key] !== undefined && !same(before[key], change[key]),
  );
}

/** Field names an input sets (for the audit log: names, never values). */
export const givenFields = (input: object) =>
  Object.entries(input)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key]) => key);

/** The keys of an input that are fields to write (not the id naming the record). */
export function writable<T extends object, K extends keyof T>(input: T, ...omit: K[]): Omit<T, K> {
  const out = { ...input };
  for (const key of omit) delete out[key];
  return out;
}

// ---- Assigned work ------------------------------------------------------------------------------

/**
 * The distinct assignees of the appointments that count as assigned work where `where` matches
 * (see the policy's objects.ts). One query, whoever asks.
 */
export async function assigneesWhere(tx: Transaction, tenantId: string, where: SQL | undefined) {
  const a = schema.appointments;
  const rows = await tx
    .selectDistinct({ id: a.assignedEmployeeId })
    .from(a)
    .where(
      and(
        eq(a.tenantId, tenantId),
        isNotNull(a.assignedEmployeeId),
        notInArray(a.status, [...assignedWorkExcludedStatuses]),
        where,
      ),
    );
  return rows.map((row) => row.id!);
}

/** SQL: the customer has appointments assigned to this employee (for employee-scoped lists). */
export function customerAssignedTo(tenantId: string, employeeId: string, customerId: SQL | string) {
  const a = schema.appointments;
  return sql`exists (select 1 from ${a} where ${a.tenantId} = ${tenantId} and ${a.customerId} = ${customerId}
    and ${a.assignedEmployeeId} = ${employeeId} and ${notInArray(a.status, [...assignedWorkExcludedStatuses])})`;
}

/**
 * Refuses (as a field error on `field`) an assignee who is not an active member of the tenant.
 * Nothing to check when no one is named.
 */
export async function requireMember(
  tx: Transaction,
  tenantId: string,
  userId: string | null | undefined,
  field: string,
): Promise<void> {
  if (userId && (await firstNonMember(tx, tenantId, [userId]))) {
    throw AppError.field(field, "Choose an active member of this workspace");
  }
}

/** Does every id name an active member of the tenant? Returns the first that does not. */
export async function firstNonMember(tx: Transaction, tenantId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return null;
  const m = schema.tenantMemberships;
  const rows = await tx
    .select({ userId: m.userId })
    .from(m)
    .where(and(eq(m.tenantId, tenantId), inArray(m.userId, [...userIds]), sql`${m.disabledAt} is null`));
  const found = new Set(rows.map((r) => r.userId));
  return userIds.find((id) => !found.has(id)) ?? null;
}

// ---- Errors -------------------------------------------------------------------------------------

/** Turns a unique violation on `constraint` into a field error; anything else is rethrown. */
export async function uniqueAsField<T>(
  work: () => Promise<T>,
  constraints: Record<string, { field: string; message: string }>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const pg = pgError(error);
    const known = pg?.code === PG_UNIQUE_VIOLATION && pg.constraint ? constraints[pg.constraint] : undefined;
    if (known) throw AppError.field(known.field, known.message);
    throw error;
  }
}

/** A zod object whose fields are all optional: the policy decides which ones a role receives. */
export const projected = <T extends z.ZodRawShape>(shape: T) => z.object(shape).partial();
