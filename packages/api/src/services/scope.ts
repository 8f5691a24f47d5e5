import { schema } from "@ordinavo/db";
import { assignedWorkExcludedStatuses, type PortalActor, type ScopedKind, scopeOf } from "@ordinavo/policy";
import { and, type Column, eq, notInArray, type SQL, sql } from "drizzle-orm";
import type { ServiceContext } from "./context";

// The one place where the policy's list scopes (packages/policy/src/scopes.ts) become SQL. A list
// asks `scopeWhere(ctx, kind, link)` and adds the answer to its WHERE clause: nothing for a
// tenant-wide scope, assigned work for an employee, nothing at all when the kind is not readable.

/** How a listed row reaches the appointments that make it someone's assigned work. */
export type AssignedLink =
  | { readonly customerId: Column | SQL }
  | { readonly locationId: Column | SQL }
  | { readonly targetId: Column | SQL }
  /** The row names its employee itself (an appointment's assignee, a route's employee). */
  | { readonly employeeId: Column | SQL };

/** The WHERE condition that keeps a list within the actor's scope of `kind` (undefined: no limit). */
export function scopeWhere(ctx: ServiceContext, kind: ScopedKind, link: AssignedLink): SQL | undefined {
  const scope = scopeOf(ctx.actor, kind, ctx.gates);
  switch (scope.kind) {
    case "tenant":
      return undefined;
    case "none":
    // Portal grants are not a workspace or Connect scope; the portal's services scope by grant.
    case "grants":
      return sql`false`;
    case "assigned":
      return assignedWork(ctx.tenantId, scope.employeeId, link);
  }
}

/** True when the actor's lists of `kind` need no narrowing (the role sees the whole tenant). */
export function seesAll(ctx: ServiceContext, kind: ScopedKind): boolean {
  return scopeOf(ctx.actor, kind, ctx.gates).kind === "tenant";
}

/** SQL: the row is work assigned to this employee (see the policy's assigned-work facts). */
export function assignedWork(tenantId: string, employeeId: string, link: AssignedLink): SQL {
  if ("employeeId" in link) return sql`${link.employeeId} = ${employeeId}`;
  const a = schema.appointments;
  const [column, value] =
    "customerId" in link
      ? [a.customerId, link.customerId]
      : "locationId" in link
        ? [a.locationId, link.locationId]
        : [a.targetId, link.targetId];
  return sql`exists (select 1 from ${a} where ${and(
    eq(a.tenantId, tenantId),
    sql`${column} = ${value}`,
    eq(a.assignedEmployeeId, employeeId),
    notInArray(a.status, [...assignedWorkExcludedStatuses]),
  )})`;
}

/**
 * SQL: the row lies in a place the portal actor's grants cover — the policy's `portalCovers` as a
 * WHERE condition. A whole-customer grant covers every row of the customer, located or not; a
 * location grant covers rows of that location only (never customer-wide rows, `locationId` null).
 */
export function portalPlaces(
  actor: PortalActor,
  link: { readonly customerId: Column | SQL; readonly locationId: Column | SQL },
): SQL {
  const whole = actor.grants.filter((g) => g.locationId === null).map((g) => sql`${g.customerId}`);
  const parts: SQL[] = [];
  if (whole.length > 0) parts.push(sql`${link.customerId} in (${sql.join(whole, sql`, `)})`);
  for (const grant of actor.grants) {
    if (grant.locationId === null) continue;
    parts.push(sql`(${link.customerId} = ${grant.customerId} and ${link.locationId} = ${grant.locationId})`);
  }
  return parts.length === 0 ? sql`false` : sql`(${sql.join(parts, sql` or `)})`;
}
