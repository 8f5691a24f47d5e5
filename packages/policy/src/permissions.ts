// Function level: may this actor do this kind of thing at all? The tables below are the spec's
// "Who can see what?" page written as data; read them beside it. Object level (objects.ts) and
// property level (fields.ts) narrow what function level allows — they never widen it.

import type { ApiKeyScope, StaffRole } from "@ordinavo/domain/vocabulary";
import {
  type Actor,
  type ActorKind,
  closedGates,
  type GateName,
  gatesOpen,
  type TenantGates,
} from "./actors";

export const actions = [
  // Customer records
  "customer.read",
  "customer.write",
  "customer.archive",
  "location.read",
  "location.write",
  "contact.read",
  "contact.write",
  "external_reference.read",
  "external_reference.write",
  "internal_note.read",
  "internal_note.write",
  // Planning
  "target.read",
  "target.write",
  /** Plan, assign, reschedule. */
  "appointment.read",
  "appointment.write",
  "route.read",
  "route.write",
  "recurring_plan.read",
  "recurring_plan.write",
  // Mobile execution and documentation
  "mobile_update.read",
  /** Own status updates, comments and problem reports on own appointments. */
  "mobile_update.write",
  "visit_report.read",
  /** Author a report: write the draft, submit it. */
  "visit_report.write",
  /** Approve or return a submitted report. */
  "visit_report.review",
  /** Share an approved report in the portal, with customer-facing texts. */
  "visit_report.publish",
  "attachment.read",
  "attachment.upload",
  /** Release one attachment for portal download. */
  "attachment.release",
  /** Status and references of billing triggers, without their notes. */
  "billing_trigger.read_summary",
  "billing_trigger.read_details",
  "timeline.read",
  // Administration
  "audit_log.read",
  "login_events.read",
  /** Invite staff, change roles, disable members. */
  "user.manage",
  "tenant_settings.manage",
  "api_key.manage",
  "webhook.manage",
  "import.read",
  "import.write",
  "retention.manage",
  /** Invite portal users and change their grants. */
  "portal_user.manage",
  // Portal requests
  "portal_request.read",
  "portal_request.create",
  "portal_request.review",
  // Customer Portal reads (portal actors only)
  "portal.customer.read",
  "portal.location.read",
  "portal.appointment.read",
  "portal.visit_report.read",
  "portal.attachment.download",
  "portal.timeline.read",
] as const;
export type Action = (typeof actions)[number];

/** An action, possibly only while some tenant gates are open. */
export type Permission = Action | { readonly action: Action; readonly requires: readonly GateName[] };

// ---- Staff: one row per role. ----------------------------------------------------------------

export const staffPermissions: { readonly [R in StaffRole]: readonly Permission[] } = {
  // Spec column "Tenant Admin": Full on every row, the only role for webhook settings and API keys.
  tenant_admin: [
    "customer.read",
    "customer.write",
    "customer.archive",
    "location.read",
    "location.write",
    "contact.read",
    "contact.write",
    "external_reference.read",
    "external_reference.write",
    // "Internal notes: Full/Manager" — everything a manager may do with notes.
    "internal_note.read",
    "internal_note.write",
    "target.read",
    "target.write",
    "appointment.read",
    "appointment.write",
    "route.read",
    "route.write",
    "recurring_plan.read",
    "recurring_plan.write",
    "mobile_update.read",
    // An admin who also does field work records updates and writes reports for the appointments
    // assigned to them (object level keeps both to own work).
    "mobile_update.write",
    "visit_report.read",
    "visit_report.write",
    "visit_report.review",
    "visit_report.publish",
    "attachment.read",
    "attachment.upload",
    "attachment.release",
    "billing_trigger.read_summary",
    "billing_trigger.read_details",
    "timeline.read",
    "audit_log.read",
    "login_events.read",
    "user.manage",
    "tenant_settings.manage",
    "api_key.manage",
    "webhook.manage",
    "import.read",
    "import.write",
    "retention.manage",
    // Portal access hands tenant data to outside people: administration, like staff invitations.
    "portal_user.manage",
    "portal_request.read",
    "portal_request.review",
  ],

  // Spec column "Manager".
  manager: [
    // "View" for customer profile, location/address and contact details: read, never write.
    "customer.read",
    "location.read",
    "contact.read",
    // External references "Limited": read-only.
    "external_reference.read",
    // Internal notes "Manager": the manager's own tool, read and write.
    "internal_note.read",
    "internal_note.write",
    // Managers accept portal requests, and an accepted request becomes a target.
    "target.read",
    "target.write",
    // Planning is the dispatcher's job; managers follow it.
    "appointment.read",
    "route.read",
    "recurring_plan.read",
    "mobile_update.read",
    // Visit reports "View": reading. Approving, returning and publishing are the tenant admin's
    // ("Full"); a tenant may hand them to its managers in the role settings. Releasing a report's
    // files to the portal is part of publishing, so it follows the same setting.
    "visit_report.read",
    { action: "visit_report.review", requires: ["managersReviewReports"] },
    { action: "visit_report.publish", requires: ["managersReviewReports"] },
    "attachment.read",
    { action: "attachment.release", requires: ["managersReviewReports"] },
    // Billing trigger details "Limited": the summary, never the details.
    "billing_trigger.read_summary",
    "timeline.read",
    "portal_request.read",
    "portal_request.review",
    // Webhook settings "No", API keys "No"; no user, settings, import or retention administration.
  ],

  // Not in the spec's table. The dispatcher plans and follows the work, nothing more.
  dispatcher: [
    // Views customers, locations and contacts: planning needs the site and someone to call.
    "customer.read",
    "location.read",
    "contact.read",
    // Plans work: targets, appointments, routes, recurring visits.
    "target.read",
    "target.write",
    "appointment.read",
    "appointment.write",
    "route.read",
    "route.write",
    "recurring_plan.read",
    "recurring_plan.write",
    // Follows execution (en route, on site, problems) to re-plan the day.
    "mobile_update.read",
    // Reads a reduced report (status, result, follow-up) to plan follow-up work; the report's free
    // text and billing stay out (fields.ts).
    "visit_report.read",
    // Files of targets and portal requests only (objects.ts), and uploads to targets.
    "attachment.read",
    "attachment.upload",
    // "Customer history … for managers and dispatchers".
    "timeline.read",
    // Preferred dates of requests are input for dispatch; the decision stays with managers.
    "portal_request.read",
    // No internal notes, no billing, no external references, no administration.
  ],

  // Spec column "Employee" and the "Employee context" list: assigned work only (objects.ts).
  employee: [
    // Customer profile "Limited" (fields.ts), location and contacts "Assigned".
    "customer.read",
    "location.read",
    "contact.read",
    // Assigned work.
    "target.read",
    "appointment.read",
    "route.read",
    // Own status updates.
    "mobile_update.read",
    "mobile_update.write",
    // Visit reports "Own/assigned"; the visit report form.
    "visit_report.read",
    "visit_report.write",
    // Photos and files of own work.
    "attachment.read",
    "attachment.upload",
    // "Internal manager notes unless explicitly configured".
    { action: "internal_note.read", requires: ["employeesSeeInternalNotes"] },
    // Restricted by default: external references, billing, integration settings, API keys,
    // webhook subscriptions, tenant administration — none are listed.
  ],
};

// ---- Integrations: what each API key scope opens. ---------------------------------------------

export const scopePermissions: { readonly [S in ApiKeyScope]: readonly Permission[] } = {
  // Customer profile "No direct UI": API reads and writes with the scope, never a screen.
  "customers:read": ["customer.read", "external_reference.read"],
  "customers:write": ["customer.write", "external_reference.write"],
  // Location/address "Via API if scoped".
  "locations:read": ["location.read", "external_reference.read"],
  "locations:write": ["location.write", "external_reference.write"],
  // Contact details "Optional in webhooks" is about webhook payloads (the tenant's
  // `webhookIncludeContacts` and the subscription decide, fields.ts). Reading contacts through the
  // API is what this scope is for: the key's scope decides, no webhook setting.
  "contacts:read": ["contact.read", "external_reference.read"],
  "contacts:write": ["contact.write", "external_reference.write"],
  "targets:read": ["target.read", "external_reference.read"],
  "targets:write": ["target.write", "external_reference.write"],
  "appointments:read": ["appointment.read", "external_reference.read"],
  // Visit reports "Event-based": only reports already announced by an event (objects.ts).
  "visit_reports:read": ["visit_report.read", "external_reference.read"],
  // Imports carry their source system's ids and report their own job status.
  "imports:write": ["import.write", "import.read", "external_reference.write"],
};

// ---- Portal users: the whole list, all behind the tenant's portal switch. ---------------------

const portal = (action: Action, ...more: GateName[]): Permission => ({
  action,
  requires: ["portalEnabled", ...more],
});

export const portalPermissions: readonly Permission[] = [
  portal("portal.customer.read"),
  portal("portal.location.read"),
  portal("portal.appointment.read"),
  portal("portal.visit_report.read"),
  portal("portal.timeline.read"),
  portal("portal.attachment.download", "portalAttachmentDownloads"),
  portal("portal_request.read"),
  portal("portal_request.create"),
];

// ---- Ceilings: what each kind of actor may ever hold, whatever the tables above say. -----------

/**
 * Integrations never get UI-only things (timeline, attachments), internal notes, billing (it is
 * event-based), webhook settings or API keys, whatever a scope is later mapped to.
 */
export const integrationCeiling: readonly Action[] = [
  "customer.read",
  "customer.write",
  "location.read",
  "location.write",
  "contact.read",
  "contact.write",
  "external_reference.read",
  "external_reference.write",
  "target.read",
  "target.write",
  "appointment.read",
  "visit_report.read",
  "import.read",
  "import.write",
];

/** Portal users get portal reads and their requests; nothing of the workspace. */
export const portalCeiling: readonly Action[] = [
  "portal.customer.read",
  "portal.location.read",
  "portal.appointment.read",
  "portal.visit_report.read",
  "portal.timeline.read",
  "portal.attachment.download",
  "portal_request.read",
  "portal_request.create",
];

/** Staff never get portal-side actions: the portal is a separate door with its own session. */
export const staffCeiling: readonly Action[] = actions.filter(
  (action) => !action.startsWith("portal.") && action !== "portal_request.create",
);

const ceilings: { readonly [K in ActorKind]: readonly Action[] } = {
  staff: staffCeiling,
  integration: integrationCeiling,
  portal: portalCeiling,
};

// ---- Decisions ------------------------------------------------------------------------------------

export function permissionAction(permission: Permission): Action {
  return typeof permission === "string" ? permission : permission.action;
}

function permissionOpen(permission: Permission, gates: TenantGates): boolean {
  return typeof permission === "string" || gatesOpen(gates, permission.requires);
}

/** The table rows that apply to the actor, before gates. An unknown role or scope yields none. */
export function permissionsOf(actor: Actor): readonly Permission[] {
  switch (actor.kind) {
    case "staff":
      return Object.hasOwn(staffPermissions, actor.role) ? staffPermissions[actor.role] : [];
    case "integration":
      return actor.scopes.flatMap((scope) =>
        Object.hasOwn(scopePermissions, scope) ? scopePermissions[scope] : [],
      );
    case "portal":
      return portalPermissions;
    default:
      return [];
  }
}

/**
 * May the actor do this kind of thing at all? Gates left out count as closed. This says nothing
 * about a particular object: follow it with the object-level check (objects.ts).
 */
export function can(actor: Actor, action: Action, gates: TenantGates = closedGates): boolean {
  return permits(actor.kind, permissionsOf(actor), action, gates);
}

/**
 * The decision itself: a permission row names the action with its gates open, and the action is
 * under the ceiling of that kind of actor — so a row added to a table by mistake cannot give an
 * integration or a portal user something outside its ceiling.
 */
export function permits(
  kind: ActorKind,
  permissions: readonly Permission[],
  action: Action,
  gates: TenantGates,
): boolean {
  const ceiling = ceilings[kind] ?? [];
  if (!ceiling.includes(action)) return false;
  return permissions.some(
    (permission) => permissionAction(permission) === action && permissionOpen(permission, gates),
  );
}

/** At least one of the actions. */
export function canAny(actor: Actor, list: readonly Action[], gates: TenantGates = closedGates): boolean {
  return list.some((action) => can(actor, action, gates));
}

/** Everything the actor may do, in the order of `actions` (for the UI and for diagnostics). */
export function allowedActions(actor: Actor, gates: TenantGates = closedGates): Action[] {
  return actions.filter((action) => can(actor, action, gates));
}
