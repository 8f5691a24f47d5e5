import { z } from "zod";
import { locales } from "../locale";
import { choice, decimal, flag } from "./fields";
import { timeZone } from "./time-zone";

const tenantSettingsFields = {
  timeZone,
  locale: choice(locales, "Choose English or French"),
  /** Employees read the manager-only internal notes of the customers they work for. */
  employeesSeeInternalNotes: flag("Employees see internal notes"),
  /**
   * Webhook payloads may carry contact person details (when the subscription asks too). API keys
   * read contacts by their `contacts:read` scope, whatever this says.
   */
  webhookIncludeContacts: flag("Include contacts in webhooks"),
  /** Webhook payloads may carry billing trigger details (when the subscription asks too). */
  webhookIncludeBilling: flag("Include billing details in webhooks"),
  portalEnabled: flag("Customer portal"),
  /** Portal users may download attachments that were released to the portal. */
  portalAttachmentDownloads: flag("Portal attachment downloads"),
  /** The portal shows an appointment's technician by first name (never more). */
  portalShowsTechnician: flag("Technician's first name in the portal"),
  /** Managers approve, return and publish visit reports; otherwise only tenant admins do. */
  managersReviewReports: flag("Managers review and publish reports"),
  /** Road distance ÷ straight-line distance, used to estimate travel between stops. */
  routeRoadFactor: decimal("Road factor", 1, 3),
  routeAverageSpeedKmh: decimal("Average speed (km/h)", 5, 130),
};

/** The complete settings of a tenant. */
export const ZTenantSettingsInput = z.object(tenantSettingsFields);
export type TenantSettingsInput = z.infer<typeof ZTenantSettingsInput>;

/** A change to some settings; keys left out stay as they are. */
export const ZUpdateTenantSettingsInput = z.object(tenantSettingsFields).partial();
export type UpdateTenantSettingsInput = z.infer<typeof ZUpdateTenantSettingsInput>;
