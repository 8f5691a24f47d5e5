import { describe, expect, it } from "vitest";
import {
  apiKeyScopeGroups,
  apiKeyScopeNames,
  contactMethodNames,
  customerTypeNames,
  loginOutcomeNames,
  loginRealmNames,
  nameOf,
  portalLabel,
  portalLabels,
  priorityNames,
  roleNames,
  roleSummaries,
  securityEventNames,
  statusLabel,
  statusLabels,
  targetSourceNames,
  timelineKindNames,
  webhookEventNames,
} from "./labels";
import { locales } from "./locale";
import { portalAppointmentStatuses, portalWorkStatuses } from "./portal-status";
import {
  apiKeyScopes,
  appointmentStatuses,
  billingTriggerStatuses,
  contactMethods,
  customerStatuses,
  customerTypes,
  followUpStatuses,
  importJobStatuses,
  importRowStatuses,
  loginOutcomes,
  loginRealms,
  portalRequestStatuses,
  portalRequestTypes,
  priorities,
  securityEventKinds,
  staffRoles,
  targetSources,
  targetStatuses,
  timelineKinds,
  timeWindows,
  visitReportStatuses,
  webhookDeliveryStatuses,
  webhookEventTypes,
} from "./vocabulary";

const portalVocabulary: Record<keyof typeof portalLabels, readonly string[]> = {
  target: targetStatuses,
  appointment: appointmentStatuses,
  portal_appointment: portalAppointmentStatuses,
  portal_work: portalWorkStatuses,
  visit_report: visitReportStatuses,
  portal_request: portalRequestStatuses,
  portal_request_type: portalRequestTypes,
  time_window: timeWindows,
};

const workspaceVocabulary: Record<keyof typeof statusLabels, readonly string[]> = {
  customer: customerStatuses,
  target: targetStatuses,
  appointment: appointmentStatuses,
  visit_report: visitReportStatuses,
  follow_up: followUpStatuses,
  billing_trigger: billingTriggerStatuses,
  portal_request: portalRequestStatuses,
  import_job: importJobStatuses,
  import_row: importRowStatuses,
  webhook_delivery: webhookDeliveryStatuses,
};

// Words that give internals away: planning mechanics, money, integration, raw status codes.
const internalWording = /routing|billing|factur|invoice|webhook|integration|no[ _-]?show|internal|interne|_/i;

const portalCases = Object.entries(portalVocabulary).flatMap(([kind, values]) =>
  values.flatMap((value) => locales.map((locale) => [kind, value, locale] as const)),
);

describe("portal labels", () => {
  it.each(portalCases)("%s %s in %s", (kind, value, locale) => {
    const label = portalLabel(kind as "target", value as "open", locale);
    expect(label.trim()).not.toBe("");
    expect(label).not.toBe(value);
    expect(label).not.toMatch(internalWording);
  });

  it("cover exactly the vocabulary", () => {
    for (const [kind, values] of Object.entries(portalVocabulary)) {
      expect(Object.keys(portalLabels[kind as keyof typeof portalLabels]).sort()).toEqual([...values].sort());
    }
  });

  it.each([
    ["appointment", "en_route", "fr", "Technicien en route"],
    ["appointment", "en_route", "en", "Technician on the way"],
    ["appointment", "no_show", "en", "Missed appointment"],
    ["appointment", "no_show", "fr", "Rendez-vous manqué"],
    ["visit_report", "approved", "en", "Report available"],
    ["visit_report", "approved", "fr", "Rapport disponible"],
    ["visit_report", "returned", "en", "Report in preparation"],
  ] as const)("%s %s in %s reads %s", (kind, value, locale, expected) => {
    expect(portalLabel(kind, value, locale)).toBe(expected);
  });
});

const workspaceCases = Object.entries(workspaceVocabulary).flatMap(([entity, values]) =>
  values.map((value) => [entity, value] as const),
);

describe("workspace status labels", () => {
  it.each(workspaceCases)("%s %s", (entity, value) => {
    const label = statusLabel(entity as "target", value as "open");
    expect(label.trim()).not.toBe("");
    expect(label).not.toContain("_");
  });

  it("cover exactly the vocabulary", () => {
    for (const [entity, values] of Object.entries(workspaceVocabulary)) {
      expect(Object.keys(statusLabels[entity as keyof typeof statusLabels]).sort()).toEqual(
        [...values].sort(),
      );
    }
  });

  it("names internal statuses plainly", () => {
    expect(statusLabel("appointment", "no_show")).toBe("No-show");
    expect(statusLabel("import_job", "completed_with_warnings")).toBe("Completed with warnings");
  });
});

const staffWords: [string, Readonly<Record<string, string>>, readonly string[]][] = [
  ["customer types", customerTypeNames, customerTypes],
  ["priorities", priorityNames, priorities],
  ["contact methods", contactMethodNames, contactMethods],
  ["work sources", targetSourceNames, targetSources],
  ["history entries", timelineKindNames, timelineKinds],
  ["roles", roleNames, staffRoles],
  ["role summaries", roleSummaries, staffRoles],
  ["API key scopes", apiKeyScopeNames, apiKeyScopes],
  ["sign-in outcomes", loginOutcomeNames, loginOutcomes],
  ["sign-in places", loginRealmNames, loginRealms],
  ["security events", securityEventNames, securityEventKinds],
  ["webhook events", webhookEventNames, webhookEventTypes],
];

describe("staff words for stored values", () => {
  it.each(staffWords)("%s cover exactly the vocabulary, in words", (_what, names, values) => {
    expect(Object.keys(names).sort()).toEqual([...values].sort());
    for (const word of Object.values(names)) {
      expect(word.trim()).not.toBe("");
      expect(word).not.toContain("_");
    }
  });

  it("group every API key scope once", () => {
    expect(apiKeyScopeGroups.flatMap((group) => group.scopes).sort()).toEqual([...apiKeyScopes].sort());
  });

  it("read a loose string through nameOf, unknown values without underscores", () => {
    expect(nameOf(roleNames, "tenant_admin")).toBe("Tenant admin");
    expect(nameOf(roleNames, "night_shift")).toBe("night shift");
    expect(nameOf(roleNames, null)).toBe("");
  });
});
