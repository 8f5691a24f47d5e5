// Which rows of a kind an actor's lists may hold. Object checks (objects.ts) answer "may this actor
// see this one object"; a list cannot ask that row by row, so the policy names the scope once and
// the service layer turns it into one SQL condition (packages/api/src/services/scope.ts).

import type { StaffRole } from "@ordinavo/domain/vocabulary";
import type { Actor, PortalGrant, TenantGates } from "./actors";
import { closedGates } from "./actors";
import { tenantWideRoles } from "./objects";
import type { Action } from "./permissions";
import { canAny } from "./permissions";

/** Kinds whose lists are scoped (what a list procedure returns). */
export const scopedKinds = [
  "customer",
  "location",
  "contact_person",
  "internal_note",
  "target",
  "appointment",
  "route",
  "recurring_plan",
] as const;
export type ScopedKind = (typeof scopedKinds)[number];

/**
 * - `tenant`: every row of the tenant;
 * - `assigned`: rows tied to appointments assigned to this employee (assigned work, objects.ts);
 * - `grants`: rows covered by a portal user's grants;
 * - `none`: nothing (the actor may not read the kind at all).
 */
export type Scope =
  | { readonly kind: "tenant" }
  | { readonly kind: "assigned"; readonly employeeId: string }
  | { readonly kind: "grants"; readonly grants: readonly PortalGrant[] }
  | { readonly kind: "none" };

const scopeReadActions: { readonly [K in ScopedKind]: readonly Action[] } = {
  customer: ["customer.read", "portal.customer.read"],
  location: ["location.read", "portal.location.read"],
  contact_person: ["contact.read"],
  internal_note: ["internal_note.read"],
  target: ["target.read"],
  appointment: ["appointment.read", "portal.appointment.read"],
  route: ["route.read"],
  recurring_plan: ["recurring_plan.read"],
};

const none: Scope = Object.freeze({ kind: "none" });
const tenant: Scope = Object.freeze({ kind: "tenant" });

/** The rows of `kind` this actor's lists may hold. */
export function scopeOf(actor: Actor, kind: ScopedKind, gates: TenantGates = closedGates): Scope {
  if (actor.tenantId === "" || !canAny(actor, scopeReadActions[kind], gates)) return none;
  switch (actor.kind) {
    case "staff":
      return tenantWideRoles.includes(actor.role) ? tenant : { kind: "assigned", employeeId: actor.userId };
    case "integration":
      return tenant;
    case "portal":
      return actor.grants.length > 0 ? { kind: "grants", grants: actor.grants } : none;
  }
}

/** True when the actor's lists of `kind` hold the whole tenant (no narrowing condition needed). */
export function seesWholeTenant(actor: Actor, kind: ScopedKind, gates: TenantGates = closedGates): boolean {
  return scopeOf(actor, kind, gates).kind === "tenant";
}

/**
 * How the planning screens group staff: `field` people record visits on site and list only their
 * own work (employees, as the table stands); everyone else is `office` — they may still be given
 * a visit. Derived from the permissions and scopes above, so a role change in the table follows.
 */
export type StaffGroup = "field" | "office";
export function staffGroupOf(
  role: StaffRole,
  tenantId: string,
  gates: TenantGates = closedGates,
): StaffGroup {
  const member: Actor = { kind: "staff", userId: "member", tenantId, role };
  const recordsVisits = canAny(member, ["mobile_update.write"], gates);
  return recordsVisits && scopeOf(member, "appointment", gates).kind === "assigned" ? "field" : "office";
}

/**
 * The role that administers a workspace (manages users, settings and keys). A workspace always
 * keeps one active member holding it, so the last one cannot be demoted or disabled.
 */
export const administeringRole: StaffRole = "tenant_admin";

/** True when members with this role administer the workspace. */
export function administers(role: StaffRole): boolean {
  return role === administeringRole;
}
