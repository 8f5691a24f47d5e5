import { type ApiKeyScope, apiKeyScopes, staffRoles } from "@ordinavo/domain/vocabulary";
import { describe, expect, it } from "vitest";
import type { StaffActor } from "./actors";
import {
  type Action,
  actions,
  allowedActions,
  can,
  integrationCeiling,
  permissionAction,
  permits,
  portalCeiling,
  portalPermissions,
  scopePermissions,
  staffCeiling,
  staffPermissions,
} from "./permissions";
import {
  allScopes,
  closedGates,
  gatesWith,
  integration,
  openGates,
  portalUser,
  staff,
  wholeCustomerGrant,
} from "./test-support";

describe("the tables", () => {
  it.each(staffRoles)("%s: known actions, listed once", (role) => {
    const listed = staffPermissions[role].map(permissionAction);
    for (const action of listed) expect(actions).toContain(action);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it("staff never hold portal-side actions", () => {
    for (const role of staffRoles) {
      for (const action of allowedActions(staff(role), openGates)) {
        expect(action.startsWith("portal."), `${role} ${action}`).toBe(false);
        expect(action).not.toBe("portal_request.create");
      }
    }
  });

  it("no table row reaches above its ceiling (the ceiling would silently drop it)", () => {
    for (const role of staffRoles) {
      for (const permission of staffPermissions[role])
        expect(staffCeiling).toContain(permissionAction(permission));
    }
    for (const scope of apiKeyScopes) {
      for (const permission of scopePermissions[scope]) {
        expect(integrationCeiling, scope).toContain(permissionAction(permission));
      }
    }
    for (const permission of portalPermissions) expect(portalCeiling).toContain(permissionAction(permission));
  });

  it("every portal permission sits behind the portal switch", () => {
    for (const permission of portalPermissions) {
      expect(typeof permission === "string" ? [] : permission.requires).toContain("portalEnabled");
    }
  });

  it("only the admin administers", () => {
    const admin: Action[] = [
      "user.manage",
      "tenant_settings.manage",
      "api_key.manage",
      "webhook.manage",
      "retention.manage",
      "audit_log.read",
      "login_events.read",
      "portal_user.manage",
      "import.read",
      "import.write",
      "customer.archive",
      "billing_trigger.read_details",
    ];
    for (const role of staffRoles) {
      for (const action of admin) {
        expect(can(staff(role), action, openGates), `${role} ${action}`).toBe(role === "tenant_admin");
      }
    }
  });
});

describe("integrations", () => {
  it.each<[ApiKeyScope, Action[]]>([
    ["customers:read", ["customer.read", "external_reference.read"]],
    ["customers:write", ["customer.write", "external_reference.write"]],
    ["locations:read", ["location.read", "external_reference.read"]],
    ["locations:write", ["location.write", "external_reference.write"]],
    ["contacts:read", ["contact.read", "external_reference.read"]],
    ["targets:read", ["target.read", "external_reference.read"]],
    ["targets:write", ["target.write", "external_reference.write"]],
    ["appointments:read", ["appointment.read", "external_reference.read"]],
    ["visit_reports:read", ["visit_report.read", "external_reference.read"]],
    ["imports:write", ["import.read", "import.write", "external_reference.write"]],
  ])("%s alone opens exactly %j (gates closed)", (scope, expected) => {
    expect(allowedActions(integration(scope), closedGates).sort()).toEqual([...expected].sort());
  });

  it("contact details through the API follow the contacts:read scope, not the webhook setting", () => {
    for (const webhookIncludeContacts of [false, true]) {
      const gates = gatesWith({ webhookIncludeContacts });
      expect(can(integration("contacts:read"), "contact.read", gates)).toBe(true);
      expect(can(integration("customers:read", "locations:read"), "contact.read", gates)).toBe(false);
    }
  });

  it("no tenant gate opens anything for an integration (gates are not scopes)", () => {
    for (const scope of apiKeyScopes) {
      expect(allowedActions(integration(scope), openGates).sort(), scope).toEqual(
        allowedActions(integration(scope), closedGates).sort(),
      );
    }
  });

  it("every scope has a row", () => {
    expect(Object.keys(scopePermissions).sort()).toEqual([...apiKeyScopes].sort());
  });

  it("no scope, nothing", () => {
    expect(allowedActions(integration(), openGates)).toEqual([]);
  });

  it("all scopes and every gate open stay under the ceiling", () => {
    const allowed = allowedActions(allScopes(), openGates);
    for (const action of allowed) expect(integrationCeiling).toContain(action);
    for (const never of [
      "internal_note.read",
      "internal_note.write",
      "webhook.manage",
      "api_key.manage",
      "timeline.read",
      "attachment.read",
      "billing_trigger.read_summary",
      "billing_trigger.read_details",
      "visit_report.write",
      "mobile_update.write",
      "portal_request.read",
      "portal.visit_report.read",
      "customer.archive",
    ] as const) {
      expect(allowed).not.toContain(never);
    }
  });

  it("an unknown scope opens nothing", () => {
    expect(allowedActions({ ...integration(), scopes: ["everything" as ApiKeyScope] }, openGates)).toEqual(
      [],
    );
  });
});

describe("visit report review and publishing", () => {
  const reviewing: Action[] = ["visit_report.review", "visit_report.publish", "attachment.release"];

  it("are the tenant admin's, with or without the managers' setting", () => {
    for (const action of reviewing) {
      expect(can(staff("tenant_admin"), action, closedGates), action).toBe(true);
      expect(can(staff("tenant_admin"), action, openGates), action).toBe(true);
    }
  });

  it("a manager holds them only where the tenant lets managers review", () => {
    for (const action of reviewing) {
      expect(can(staff("manager"), action, gatesWith({ managersReviewReports: false })), action).toBe(false);
      expect(can(staff("manager"), action, closedGates), action).toBe(false);
      expect(can(staff("manager"), action, gatesWith({ managersReviewReports: true })), action).toBe(true);
    }
  });

  it('managers keep reading reports either way ("View")', () => {
    expect(can(staff("manager"), "visit_report.read", closedGates)).toBe(true);
    expect(can(staff("manager"), "visit_report.write", openGates)).toBe(false);
  });

  it("the setting gives nothing to other roles or to integrations", () => {
    for (const actor of [staff("dispatcher"), staff("employee"), allScopes()]) {
      for (const action of reviewing) expect(can(actor, action, openGates), action).toBe(false);
    }
  });
});

describe("ceilings hold even against a wrong table row", () => {
  const wrongRows: Action[] = [
    "internal_note.read",
    "webhook.manage",
    "api_key.manage",
    "timeline.read",
    "user.manage",
  ];

  it.each(wrongRows)("an integration never gets %s", (action) => {
    expect(permits("integration", [action], action, openGates)).toBe(false);
  });

  it.each(wrongRows)("a portal user never gets %s", (action) => {
    expect(permits("portal", [action], action, openGates)).toBe(false);
  });

  it("staff never get portal-side actions", () => {
    // Staff read portal requests too (to review them); everything else of the portal's is its own.
    const portalSide = portalCeiling.filter((action) => action !== "portal_request.read");
    for (const action of portalSide)
      expect(permits("staff", [action], action, openGates), action).toBe(false);
  });

  it("under the ceiling, a row with open gates permits (control)", () => {
    expect(permits("integration", ["customer.read"], "customer.read", closedGates)).toBe(true);
    expect(
      permits(
        "portal",
        [{ action: "portal.timeline.read", requires: ["portalEnabled"] }],
        "portal.timeline.read",
        openGates,
      ),
    ).toBe(true);
    expect(
      permits(
        "portal",
        [{ action: "portal.timeline.read", requires: ["portalEnabled"] }],
        "portal.timeline.read",
        closedGates,
      ),
    ).toBe(false);
  });
});

describe("failing closed", () => {
  it("an unknown role holds nothing", () => {
    const stranger = { ...staff("manager"), role: "owner" } as unknown as StaffActor;
    expect(allowedActions(stranger, openGates)).toEqual([]);
  });

  it("a role named like an object property holds nothing", () => {
    const stranger = { ...staff("manager"), role: "constructor" } as unknown as StaffActor;
    expect(allowedActions(stranger, openGates)).toEqual([]);
  });

  it("gates left out are closed", () => {
    expect(can(staff("employee"), "internal_note.read")).toBe(false);
    expect(can(portalUser(wholeCustomerGrant), "portal.timeline.read")).toBe(false);
  });
});
