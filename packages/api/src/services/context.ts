import type { Database } from "@ordinavo/db";
import type { FileStore } from "@ordinavo/files";
import type { IntegrationActor, PortalActor, StaffActor, TenantGates } from "@ordinavo/policy";
import { AppError } from "../errors";

// The one context every service function takes. The realm that received the call builds it from
// its own lookups (session → membership, API key → key row); nothing in it comes from the client.

export interface ServiceContext<A extends StaffActor | IntegrationActor = StaffActor | IntegrationActor> {
  db: Database;
  actor: A;
  tenantId: string;
  gates: TenantGates;
  /** The tenant's time zone: local days, clock texts and planning are in it. */
  timeZone: string;
  /** Uploaded files (attachments). */
  files: FileStore;
}

/**
 * A customer contact's call (the portal realm). The actor holds the grants of one customer, the
 * one the contact is looking at (`customerId`); portal services scope every read by those grants
 * (`portalPlaces` in ./scope) and never see staff-only fields.
 */
export interface PortalServiceContext {
  db: Database;
  actor: PortalActor;
  tenantId: string;
  gates: TenantGates;
  timeZone: string;
  files: FileStore;
  customerId: string;
}

/** A staff member's call (the workspace realm). */
export type StaffContext = ServiceContext<StaffActor>;

/** The audit actor of a call. */
export function auditActor(actor: StaffActor | IntegrationActor) {
  return actor.kind === "staff"
    ? { type: "staff" as const, id: actor.userId }
    : { type: "integration" as const, id: actor.apiKeyId };
}

/**
 * Stands in when the launcher configured no file storage (scripts and tests that touch no files).
 * Every use answers that storage is not configured, as an error the caller sees; nothing is
 * written, and nothing claims to be stored.
 */
const notConfigured = () => Promise.reject(new AppError("INTERNAL", "File storage is not configured."));
export const noFileStore: FileStore = {
  kind: "disk",
  put: notConfigured,
  open: notConfigured,
  remove: notConfigured,
  has: notConfigured,
};
