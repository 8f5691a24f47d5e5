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
    ["contacts:read", ["external_reference.read"]],
    ["targets:read", ["target.read", "external_reference.read"]],
    ["targets:write", ["target.write", "external_reference.write"]],
    ["appointments:read", ["appointment.read", "external_reference.read"]],
    ["visit_reports:read", ["visit_report.read", "external_reference.read"]],
    ["imports:write", ["import.read", "import.write", "external_reference.write"]],
  ])("%s alone opens exactly %j (gates closed)", (scope, expected) => {
    expect(allowedActions(integration(scope), closedGates).sort()).toEqual([...expected].sort());
  });

  it("contacts:read opens contact details only with the tenant's opt-in", () => {
    expect(can(integration("contacts:read"), "contact.read", closedGates)).toBe(false);
    expect(can(integration("contacts:read"), "contact.read", openGates)).toBe(true);
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
